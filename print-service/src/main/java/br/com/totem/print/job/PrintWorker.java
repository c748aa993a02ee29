package br.com.totem.print.job;

import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.print.config.PrintProperties;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.printer.store.PrinterStore;
import br.com.totem.print.push.PrinterUnavailableException;
import br.com.totem.print.push.RawTcpPrinter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Prints queued jobs on TCP printers, run by the platform's periodic job on one instance at a time.
 * Each round takes every printer's oldest open job (so a printer's tickets go one at a time and in
 * order; printers work in parallel): status by {@code DLE EOT}, the ticket, status again. Success →
 * PRINTED + {@code print.completed}. A printer that reports offline, paper out, cover open or an
 * error, or the last attempt → FAILED with the PDF stored + {@code print.failed}. Other failures
 * (unreachable, connection lost, no status) → retried after a doubling back-off. Each printer has a
 * circuit breaker over those failures: while it is open, its jobs fail at once with the PDF
 * ({@code CIRCUIT_OPEN}) instead of every customer waiting through the retries.
 *
 * <p>A job found PRINTING at the start of a round was interrupted (the service stopped mid-job). If
 * its bytes had not started towards the socket it is simply sent; if they had, the printer may have
 * printed it, so it is not resent — it fails as INTERRUPTED with its PDF: never two tickets.
 */
@Service
public class PrintWorker {

    private static final Logger log = LoggerFactory.getLogger(PrintWorker.class);
    /** The printer's circuit breaker is open: it failed to be reached on most of its last attempts. */
    static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

    private final PrintJobStore jobs;
    private final PrinterStore printers;
    private final TicketDocuments documents;
    private final RawTcpPrinter tcp;
    private final JobOutcomes outcomes;
    private final PrintProperties properties;
    private final PrintMetrics metrics;

    private final CircuitBreakerRegistry breakers;

    PrintWorker(PrintJobStore jobs, PrinterStore printers, TicketDocuments documents, JobOutcomes outcomes,
                PrintProperties properties, PrintMetrics metrics) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4).minimumNumberOfCalls(2).failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenFor()).permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.jobs = jobs;
        this.printers = printers;
        this.documents = documents;
        this.outcomes = outcomes;
        this.properties = properties;
        this.metrics = metrics;
        this.tcp = new RawTcpPrinter(properties.connectTimeout(), properties.readTimeout());
    }

    /** One round over the printers with open jobs. */
    public Mono<Void> printDueJobs() {
        return jobs.headsPerPrinter()
                .flatMap(job -> printers.find(job.tenant(), job.printerId())
                        .filter(p -> p.connection() == Printer.Connection.TCP)
                        .flatMap(printer -> handle(job, printer))
                        // one printer's trouble never holds up the others; its job is looked at again next round
                        .onErrorResume(e -> {
                            log.warn("print job {} could not be handled this round: {}", job.id(), e.toString());
                            return Mono.empty();
                        }), 8)
                .then();
    }

    private Mono<Void> handle(PrintJob job, Printer printer) {
        if (job.status() == PrintJob.Status.PRINTING) {
            return job.sendingAt() == null
                    ? jobs.retryAt(job.id(), Instant.now(), job.reason())
                    : fail(job, printer, PrintJob.INTERRUPTED, "interrupted after its bytes went out");
        }
        if (job.nextAttemptAt().isAfter(Instant.now())) {
            return Mono.empty();
        }
        CircuitBreaker breaker = breakers.circuitBreaker(printer.id().toString());
        if (!breaker.tryAcquirePermission()) {
            // the printer could not be reached lately: the customer gets the PDF now, not after every retry
            return fail(job, printer, CIRCUIT_OPEN, "circuit breaker " + breaker.getState());
        }
        return jobs.startAttempt(job.id()).switchIfEmpty(Mono.<Integer>fromRunnable(breaker::releasePermission)).flatMap(attempt -> {
            byte[] bytes = documents.escPos(job, printer);
            long started = System.nanoTime();
            return jobs.markSending(job.id())
                    .then(Mono.fromCallable(() -> tcp.print(printer.host(), printer.port(), bytes))
                            .subscribeOn(Schedulers.boundedElastic()))
                    .flatMap(status -> {
                        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        metrics.printerReady(printer.id(), true);
                        return complete(job, printer);
                    })
                    .onErrorResume(PrinterUnavailableException.class, e -> {
                        if (e.reportedByPrinter()) {
                            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS); // it answered
                        } else {
                            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                        }
                        metrics.printerReady(printer.id(), false);
                        if (e.reportedByPrinter() || attempt >= properties.maxAttempts()) {
                            return fail(job, printer, e.reason(), e.getMessage());
                        }
                        Duration wait = properties.backoffBefore(attempt + 1);
                        log.info("print job {} attempt {} failed ({}), next in {}", job.id(), attempt, e.reason(), wait);
                        metrics.finished("retried");
                        return jobs.retryAt(job.id(), Instant.now().plus(wait), e.reason());
                    });
        });
    }

    private Mono<Void> complete(PrintJob job, Printer printer) {
        return outcomes.printed(job, printer);
    }

    private Mono<Void> fail(PrintJob job, Printer printer, String reason, String why) {
        return outcomes.failed(job, printer, reason, why);
    }
}
