package br.com.totem.print.ticket;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;

/**
 * What a queue ticket says.
 *
 * @param issuedAt  when the ticket was paid, already in the tenant's zone
 * @param statusUrl the public status page of the ticket (position and wait), printed as a QR code
 * @param reprint   a second copy ("2ª VIA")
 */
public record TicketContent(String studioName, String number, String serviceName, ZonedDateTime issuedAt,
                            String displayName, String statusUrl, boolean reprint) {

    public TicketContent {
        requireNonNull(studioName, "studioName");
        requireNonNull(number, "number");
        requireNonNull(serviceName, "serviceName");
        requireNonNull(issuedAt, "issuedAt");
        requireNonNull(displayName, "displayName");
        requireNonNull(statusUrl, "statusUrl");
    }
}
