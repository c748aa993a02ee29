package br.com.totem.print.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.print.config.PrintProperties;
import br.com.totem.print.job.JobOutcomes;
import br.com.totem.print.job.PrintMetrics;
import br.com.totem.print.job.TicketDocuments;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.job.store.PrintJobStore;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.printer.store.PrinterStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The pull path (Star CloudPRNT, docs/printing.md): a printer behind the shop's NAT polls, fetches its
 * oldest open job and confirms it. A job is offered to its printer only (the printer is known by its
 * token), one at a time and in order, like the push path.
 *
 * <ul>
 *   <li><b>Poll</b> — the poll's status is recorded. A printer reporting a condition of its own (410 paper
 *       out, 420 cover open, 41x jam) gets nothing and its waiting job goes to the PDF at once, as on the
 *       push path. While the printer says it is printing, nothing is offered.</li>
 *   <li><b>GET</b> — the job in the media type asked for (PNG, or ESC/POS bytes where the printer is set to
 *       take them; anything else 415). The first GET moves the job to PRINTING (attempt counted, sending
 *       time stamped); a repeated GET returns the same bytes and changes nothing more.</li>
 *   <li><b>Confirmation</b> — 2xx: PRINTED + {@code print.completed}; any other code: FAILED with the PDF +
 *       {@code print.failed}. Only the job's confirmation marks it printed, never the GET.</li>
 *   <li><b>Watch</b> (periodic) — a job fetched and not confirmed within {@code confirm-timeout} is not
 *       offered again (re-offering made duplicate tickets elsewhere): INTERRUPTED with its PDF. A job whose
 *       printer has not polled for {@code offline-after} goes to the PDF as OFFLINE.</li>
 * </ul>
 */
@Service
public class CloudPrnt {

    private static final Logger log = LoggerFactory.getLogger(CloudPrnt.class);

    public static final String PNG = "image/png";
    public static final String ESCPOS = "application/octet-stream";
    /** The printer stopped polling: the Star protocol has no offline code, silence is offline. */
    static final String OFFLINE = "OFFLINE";

    /** What a poll answers. */
    public record Poll(boolean jobReady, List<String> mediaTypes, String jobToken) {
        static final Poll NOTHING = new Poll(false, null, null);
    }

    /** A job's bytes in the media type asked for. */
    public record Document(String mediaType, byte[] bytes) {
    }

    /** Why a GET gets no document. */
    public enum Refusal { NO_JOB, UNSUPPORTED_TYPE }

    private final PrintJobStore jobs;
    private final PrinterStore printers;
    private final TicketDocuments documents;
    private final JobOutcomes outcomes;
    private final PrintMetrics metrics;
    private final PrintProperties.CloudPrnt settings;

    CloudPrnt(PrintJobStore jobs, PrinterStore printers, TicketDocuments documents, JobOutcomes outcomes,
              PrintMetrics metrics, PrintProperties properties) {
        this.jobs = jobs;
        this.printers = printers;
        this.documents = documents;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.settings = properties.cloudprnt();
    }

    /** The media types offered to this printer, preferred first. */
    public static List<String> mediaTypes(Printer printer) {
        return printer.pullMedia() == Printer.PullMedia.ESCPOS ? List.of(ESCPOS, PNG) : List.of(PNG);
    }

    public Mono<Poll> poll(Printer printer, StatusCode status, boolean printingInProgress) {
        metrics.printerReady(printer.id(), status.success());
        return printers.polled(printer.id(), status.text())
                .then(jobs.headOf(printer.id()))
                .flatMap(job -> {
                    if (status.printerCondition()) {
                        return outcomes.failed(job, printer, status.reason(), "the printer polled with " + status.text())
                                .thenReturn(Poll.NOTHING);
                    }
                    if (status.dataRejected() && job.status() == PrintJob.Status.PRINTING) {
                        return outcomes.failed(job, printer, status.reason(), "the printer polled with " + status.text())
                                .thenReturn(Poll.NOTHING);
                    }
                    if (printingInProgress || job.nextAttemptAt().isAfter(Instant.now())) {
                        return Mono.just(Poll.NOTHING);
                    }
                    return Mono.just(new Poll(true, mediaTypes(printer), job.id().toString()));
                })
                .defaultIfEmpty(Poll.NOTHING);
    }

    /**
     * The printer's current job as {@code mediaType}. The job token must name the printer's oldest open job
     * (without one, that job is meant), so jobs never print out of order.
     */
    public Mono<Result<Document>> document(Printer printer, String jobToken, String mediaType) {
        if (mediaType == null || !mediaTypes(printer).contains(mediaType)) {
            return Mono.just(Result.refused(Refusal.UNSUPPORTED_TYPE));
        }
        return current(printer, jobToken).flatMap(job -> {
            Mono<Void> start = job.status() == PrintJob.Status.QUEUED
                    ? jobs.startAttempt(job.id()).then(jobs.markSending(job.id()))
                    : Mono.empty();
            return start.then(Mono.fromCallable(() -> new Document(mediaType,
                            ESCPOS.equals(mediaType) ? documents.escPos(job, printer) : documents.png(job, printer)))
                    .subscribeOn(Schedulers.boundedElastic()))
                    .map(Result::of);
        }).defaultIfEmpty(Result.refused(Refusal.NO_JOB));
    }

    /** The printer's confirmation of a job: 2xx printed, anything else failed. False when no such open job. */
    public Mono<Boolean> confirm(Printer printer, String jobToken, StatusCode result) {
        return current(printer, jobToken).flatMap(job -> {
            if (result.success()) {
                metrics.printerReady(printer.id(), true);
                return outcomes.printed(job, printer).thenReturn(true);
            }
            return outcomes.failed(job, printer, result.reason(), "the printer confirmed with " + result.text())
                    .thenReturn(true);
        }).defaultIfEmpty(false);
    }

    /** One round of the watch: jobs fetched and never confirmed, and jobs whose printer went silent. */
    public Mono<Void> watch() {
        Instant now = Instant.now();
        return jobs.headsPerPrinter()
                .flatMap(job -> printers.find(job.tenant(), job.printerId())
                        .filter(p -> p.connection() == Printer.Connection.CLOUDPRNT)
                        .flatMap(printer -> watch(job, printer, now))
                        .onErrorResume(e -> {
                            log.warn("CloudPRNT job {} could not be watched this round: {}", job.id(), e.toString());
                            return Mono.empty();
                        }), 4)
                .then();
    }

    private Mono<Void> watch(PrintJob job, Printer printer, Instant now) {
        if (job.status() == PrintJob.Status.PRINTING) {
            Instant fetched = job.sendingAt() == null ? now : job.sendingAt();
            return Duration.between(fetched, now).compareTo(settings.confirmTimeout()) > 0
                    ? outcomes.failed(job, printer, PrintJob.INTERRUPTED, "fetched by the printer and never confirmed")
                    : Mono.empty();
        }
        return printers.lastPoll(printer.id()).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(lastPoll -> {
            Instant waitingSince = lastPoll.filter(p -> p.isAfter(job.createdAt())).orElse(job.createdAt());
            if (Duration.between(waitingSince, now).compareTo(settings.offlineAfter()) <= 0) {
                return Mono.empty();
            }
            metrics.printerReady(printer.id(), false);
            return outcomes.failed(job, printer, OFFLINE, lastPoll.map(p -> "no poll since " + p).orElse("never polled"));
        });
    }

    private Mono<PrintJob> current(Printer printer, String jobToken) {
        return jobs.headOf(printer.id()).filter(head -> jobToken == null || jobToken.isBlank()
                || head.id().toString().equalsIgnoreCase(jobToken.strip()));
    }

    /** A value, or why there is none. */
    public record Result<T>(T value, Refusal refusal) {
        static <T> Result<T> of(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> refused(Refusal refusal) {
            return new Result<>(null, refusal);
        }
    }
}
