package br.com.totem.print.job;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.print.config.PrintProperties;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.printer.store.PrinterStore;
import reactor.core.publisher.Mono;

/**
 * {@code ticket.paid} → one persisted print job (in the consumer's transaction with the inbox record,
 * so a redelivery is skipped; the unique first copy per ticket guards a replay too). The job goes to
 * the printer serving the kiosk device that sold the ticket; without one, the PDF is made at once.
 */
@Service
public class JobIntake {

    private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

    private final PrintJobStore jobs;
    private final PrinterStore printers;
    private final TicketDocuments documents;
    private final PrintProperties properties;
    private final PrintMetrics metrics;

    JobIntake(PrintJobStore jobs, PrinterStore printers, TicketDocuments documents, PrintProperties properties,
              PrintMetrics metrics) {
        this.jobs = jobs;
        this.printers = printers;
        this.documents = documents;
        this.properties = properties;
        this.metrics = metrics;
    }

    public Mono<Void> ticketPaid(EventEnvelope<TicketPaid> event) {
        TicketPaid t = event.data();
        String tenant = event.tenantid();
        String zone = t.timeZone() != null && validZone(t.timeZone()) ? t.timeZone() : properties.defaultZone();
        Mono<Optional<Printer>> printer = t.soldBy() == null ? Mono.just(Optional.empty())
                : printers.forKioskDevice(tenant, t.soldBy()).map(Optional::of).defaultIfEmpty(Optional.empty());
        return printer.flatMap(p -> {
            boolean none = p.isEmpty();
            PrintJob job = new PrintJob(UUID.randomUUID(), tenant, t.ticketId(), p.map(Printer::id).orElse(null), t.soldBy(),
                    false, null, none ? PrintJob.Status.FAILED : PrintJob.Status.QUEUED, 0, null, null,
                    none ? PrintJob.NO_PRINTER : null, t.number(), t.serviceName(), t.displayName(), t.statusToken(),
                    t.paidAt(), zone, none, null, none ? java.time.Instant.now() : null);
            byte[] pdf = none ? documents.pdf(job, null) : null;
            return jobs.insert(job, pdf).doOnNext(inserted -> {
                if (!inserted) {
                    log.info("ticket {} already has its print job; ticket.paid replay ignored", t.ticketId());
                } else if (none) {
                    metrics.finished("no_printer");
                    log.info("ticket {} sold by {} has no printer: PDF job {}", t.ticketId(), t.soldBy(), job.id());
                } else {
                    log.info("ticket {} queued as print job {} on printer {}", t.ticketId(), job.id(), job.printerId());
                }
            });
        }).then();
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
