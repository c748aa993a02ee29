package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A Pix charge exists at the PSP. The BR Code itself stays in payment-service: the kiosk
 * fetches it through the API, so it never travels through the broker.
 *
 * @param provider PSP name as configured, e.g. "sicredi"; a string because providers change
 */
public record PaymentLinkCreated(
    UUID paymentId,
    UUID ticketId,
    String txid,
    long amountCents,
    Instant expiresAt,
    String provider) implements PaymentEvent {

    public PaymentLinkCreated {
        requireNonNull(paymentId, "paymentId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(txid, "txid");
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(provider, "provider");
    }
}
