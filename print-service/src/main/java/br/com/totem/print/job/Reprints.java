package br.com.totem.print.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.printer.store.PrinterStore;
import reactor.core.publisher.Mono;

/**
 * A staff member asks for a second copy: a new job marked as a reprint ("2ª VIA" on paper), on the
 * printer that now serves the kiosk device that sold the ticket (or the PDF path without one),
 * audited as {@code print.reprint} in the same transaction.
 */
@Service
public class Reprints {

    private final PrintJobStore jobs;
    private final PrinterStore printers;
    private final TicketDocuments documents;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    Reprints(PrintJobStore jobs, PrinterStore printers, TicketDocuments documents, AuditLog audit, TransactionalOperator tx) {
        this.jobs = jobs;
        this.printers = printers;
        this.documents = documents;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<PrintJob> reprint(Caller caller, UUID ticketId) {
        return jobs.forTicket(caller.tenant(), ticketId).filter(j -> !j.reprint()).next()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket print job")))
                .flatMap(first -> (first.soldBy() == null ? Mono.<Printer>empty()
                        : printers.forKioskDevice(caller.tenant(), first.soldBy()))
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(printer -> {
                            boolean none = printer.isEmpty();
                            Instant now = Instant.now();
                            PrintJob copy = new PrintJob(UUID.randomUUID(), caller.tenant(), ticketId,
                                    printer.map(Printer::id).orElse(null), first.soldBy(), true, caller.subject(),
                                    none ? PrintJob.Status.FAILED : PrintJob.Status.QUEUED, 0, null, null,
                                    none ? PrintJob.NO_PRINTER : null, first.number(), first.serviceName(),
                                    first.displayName(), first.statusToken(), first.paidAt(), first.timeZone(), none, now,
                                    none ? now : null);
                            byte[] pdf = none ? documents.pdf(copy, null) : null;
                            return tx.transactional(jobs.insert(copy, pdf)
                                    .then(audit.record(caller, "print.reprint", "ticket", ticketId.toString(),
                                            Map.of("jobId", copy.id().toString(), "number", first.number()))))
                                    .then(jobs.find(caller.tenant(), copy.id()));
                        }));
    }
}
