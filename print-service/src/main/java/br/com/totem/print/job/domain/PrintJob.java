package br.com.totem.print.job.domain;

import java.time.Instant;
import java.util.UUID;

/** A ticket to print (or a reprint of it), and where it stands. */
public record PrintJob(UUID id, String tenant, UUID ticketId, UUID printerId, String soldBy, boolean reprint,
                       String requestedBy, Status status, int attempts, Instant nextAttemptAt, Instant sendingAt,
                       String reason, String number, String serviceName, String displayName, String statusToken,
                       Instant paidAt, String timeZone, boolean hasPdf, Instant createdAt, Instant finishedAt) {

    public enum Status {
        QUEUED, PRINTING, PRINTED, FAILED
    }

    /** Reasons a job ends without paper that are not a printer's own status. */
    public static final String NO_PRINTER = "NO_PRINTER";
    /** The service stopped after the bytes may have reached the printer: not resent, so never printed twice. */
    public static final String INTERRUPTED = "INTERRUPTED";
}
