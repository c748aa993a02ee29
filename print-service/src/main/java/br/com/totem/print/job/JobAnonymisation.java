package br.com.totem.print.job;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.printer.store.PrinterStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code customer.anonymised}: the customer's print jobs keep no trace of their name (LGPD). Each
 * job of their tickets prints the new display name from now on (a reprint, a retry), and a stored
 * PDF fallback is rendered again with it, in the paper of the job's printer, so the customer's
 * download link keeps working.
 */
@Service
public class JobAnonymisation {

    private static final Logger log = LoggerFactory.getLogger(JobAnonymisation.class);

    private final PrintJobStore jobs;
    private final PrinterStore printers;
    private final TicketDocuments documents;

    JobAnonymisation(PrintJobStore jobs, PrinterStore printers, TicketDocuments documents) {
        this.jobs = jobs;
        this.printers = printers;
        this.documents = documents;
    }

    public Mono<Void> customerAnonymised(EventEnvelope<CustomerAnonymised> event) {
        CustomerAnonymised a = event.data();
        String tenant = event.tenantid();
        return jobs.forTickets(tenant, a.ticketIds())
                .concatMap(job -> rename(job, a.displayName()).thenReturn(job.id()))
                .count()
                .doOnNext(n -> log.info("customer {} anonymised: {} print job(s) renamed", a.customerId(), n))
                .then();
    }

    private Mono<Void> rename(PrintJob job, String displayName) {
        PrintJob renamed = new PrintJob(job.id(), job.tenant(), job.ticketId(), job.printerId(), job.soldBy(), job.reprint(),
                job.requestedBy(), job.status(), job.attempts(), job.nextAttemptAt(), job.sendingAt(), job.reason(),
                job.number(), job.serviceName(), displayName, job.statusToken(), job.paidAt(), job.timeZone(), job.hasPdf(),
                job.createdAt(), job.finishedAt());
        if (!job.hasPdf()) {
            return jobs.rename(job.id(), displayName, null);
        }
        Mono<Optional<Printer>> printer = job.printerId() == null ? Mono.just(Optional.empty())
                : printers.find(job.tenant(), job.printerId()).map(Optional::of).defaultIfEmpty(Optional.empty());
        // PDFBox renders for tens of milliseconds: not on the database driver's event loop
        return printer.publishOn(Schedulers.boundedElastic())
                .map(p -> documents.pdf(renamed, p.orElse(null)))
                .flatMap(pdf -> jobs.rename(job.id(), displayName, pdf));
    }
}
