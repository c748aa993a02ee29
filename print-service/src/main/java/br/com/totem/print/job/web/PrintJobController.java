package br.com.totem.print.job.web;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Callers;
import br.com.totem.print.job.Reprints;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The kiosk (for the tickets it sold) and staff learn how printing went, and fetch the PDF fallback. */
@RestController
@PreAuthorize("hasAnyRole('KIOSK','OPERATOR','MANAGER','ADMIN')")
@Tag(name = "Print jobs", description = "Printing outcome of a ticket and its PDF fallback")
class PrintJobController {

    private final PrintJobStore jobs;
    private final Reprints reprints;

    PrintJobController(PrintJobStore jobs, Reprints reprints) {
        this.jobs = jobs;
        this.reprints = reprints;
    }

    @PostMapping("/api/v1/tickets/{ticketId}/reprint")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "Print a second copy (\"2ª VIA\") of a ticket; audited")
    @ApiResponse(responseCode = "202", description = "the reprint job, queued (or FAILED NO_PRINTER with its PDF)")
    @ApiResponse(responseCode = "404", description = "no print job for this ticket in the tenant")
    Mono<PrintJobView> reprint(@PathVariable UUID ticketId) {
        return Callers.current().flatMap(c -> reprints.reprint(c, ticketId)).map(PrintJobView::of);
    }

    @GetMapping("/api/v1/print-jobs")
    @Operation(summary = "The print jobs of a ticket, oldest first (a kiosk sees only tickets it sold)")
    Flux<PrintJobView> forTicket(@RequestParam UUID ticketId) {
        return Callers.current().flatMapMany(c -> jobs.forTicket(c.tenant(), ticketId).filter(j -> visible(c, j)))
                .map(PrintJobView::of);
    }

    @GetMapping(path = "/api/v1/print-jobs/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The ticket as PDF, stored when it could not be printed")
    @ApiResponse(responseCode = "404", description = "no such job in this tenant, not the kiosk's, or no PDF")
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> jobs.find(c.tenant(), id).filter(j -> visible(c, j))
                        .flatMap(j -> jobs.pdf(c.tenant(), id).map(pdf -> ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_PDF)
                                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"senha-" + j.number() + ".pdf\"")
                                .body(pdf))))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Print job PDF")));
    }

    private static boolean visible(Caller caller, PrintJob job) {
        return caller.isStaff() || caller.subject().equals(job.soldBy());
    }
}
