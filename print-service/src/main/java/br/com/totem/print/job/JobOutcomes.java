package br.com.totem.print.job;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PrintCompleted;
import br.com.totem.contracts.PrintFailed;
import br.com.totem.platform.events.Outbox;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import reactor.core.publisher.Mono;

/**
 * How a job ends, whichever way it reached the printer (pushed over TCP or pulled by CloudPRNT):
 * PRINTED + {@code print.completed}, or FAILED with its PDF stored + {@code print.failed}, each in one
 * transaction with the outbox row. A job that has already ended is left alone and publishes nothing,
 * so a late or repeated confirmation never makes a second event.
 */
@Component
public class JobOutcomes {

    private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

    private final PrintJobStore jobs;
    private final TicketDocuments documents;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final PrintMetrics metrics;

    JobOutcomes(PrintJobStore jobs, TicketDocuments documents, Outbox outbox, TransactionalOperator tx,
                PrintMetrics metrics) {
        this.jobs = jobs;
        this.documents = documents;
        this.outbox = outbox;
        this.tx = tx;
        this.metrics = metrics;
    }

    public Mono<Void> printed(PrintJob job, Printer printer) {
        Instant now = Instant.now();
        PrintCompleted completed = new PrintCompleted(job.id(), job.ticketId(), printer.id(), now);
        return tx.transactional(jobs.markPrinted(job.id()).flatMap(ended -> !ended ? Mono.just(false)
                        : outbox.append(EventEnvelope.of(job.tenant(), job.id().toString(), completed)).thenReturn(true)))
                .doOnNext(ended -> {
                    if (ended) {
                        metrics.printed(Duration.between(job.paidAt(), now));
                        log.info("print job {} printed ticket {} on {}", job.id(), job.number(), printer.name());
                    }
                }).then();
    }

    public Mono<Void> failed(PrintJob job, Printer printer, String reason, String why) {
        byte[] pdf = documents.pdf(job, printer);
        PrintFailed failed = new PrintFailed(job.id(), job.ticketId(), printer.id(), reason, true, Instant.now());
        return tx.transactional(jobs.markFailed(job.id(), reason, pdf).flatMap(ended -> !ended ? Mono.just(false)
                        : outbox.append(EventEnvelope.of(job.tenant(), job.id().toString(), failed)).thenReturn(true)))
                .doOnNext(ended -> {
                    if (ended) {
                        metrics.finished(PrintJob.INTERRUPTED.equals(reason) ? "interrupted" : "failed");
                        log.warn("print job {} failed ({}: {}); PDF stored", job.id(), reason, why);
                    }
                }).then();
    }
}
