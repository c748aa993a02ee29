package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The ticket could not be printed.
 *
 * @param reason               e.g. "PAPER_OUT", "OFFLINE", "TIMEOUT"; free text, printers vary
 * @param pdfFallbackAvailable true when the kiosk can show or send the ticket as a PDF instead
 */
public record PrintFailed(
    UUID jobId,
    UUID ticketId,
    UUID printerId,
    String reason,
    boolean pdfFallbackAvailable,
    Instant failedAt) implements PrintEvent {

    public PrintFailed {
        requireNonNull(jobId, "jobId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(printerId, "printerId");
        requireNonNull(reason, "reason");
        requireNonNull(failedAt, "failedAt");
    }
}
