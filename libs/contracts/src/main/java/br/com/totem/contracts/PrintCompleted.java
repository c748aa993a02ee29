package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** The printer reported the ticket printed. */
public record PrintCompleted(
    UUID jobId,
    UUID ticketId,
    UUID printerId,
    Instant completedAt) implements PrintEvent {

    public PrintCompleted {
        requireNonNull(jobId, "jobId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(printerId, "printerId");
        requireNonNull(completedAt, "completedAt");
    }
}
