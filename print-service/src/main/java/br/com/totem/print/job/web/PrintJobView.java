package br.com.totem.print.job.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import br.com.totem.print.job.domain.PrintJob;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A print job: the ticket's first copy or a reprint, and its outcome")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrintJobView(
        UUID id, UUID ticketId, UUID printerId, String number, boolean reprint,
        @Schema(description = "QUEUED, PRINTING, PRINTED or FAILED") String status,
        @Schema(description = "why it failed or is being retried: PAPER_OUT, OFFLINE, COVER_OPEN, PRINTER_ERROR, "
                + "UNREACHABLE, CONNECTION_LOST, NO_STATUS, CIRCUIT_OPEN, NO_PRINTER, INTERRUPTED") String reason,
        int attempts,
        @Schema(description = "present when the PDF fallback exists") String pdfUrl,
        Instant createdAt, Instant finishedAt) {

    static PrintJobView of(PrintJob j) {
        return new PrintJobView(j.id(), j.ticketId(), j.printerId(), j.number(), j.reprint(), j.status().name(), j.reason(),
                j.attempts(), j.hasPdf() ? "/api/v1/print-jobs/" + j.id() + "/pdf" : null, j.createdAt(), j.finishedAt());
    }
}
