package br.com.totem.platform.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs every {@link PeriodicJob} bean of the service from start-up to shutdown. Jobs that must
 * not run on two instances at once hold a session-level PostgreSQL advisory lock on a connection
 * of their own for the run ({@code pg_try_advisory_lock}, released by {@code pg_advisory_unlock}
 * after it, or by the server if the instance dies): ADR 0009.
 *
 * <p>Metrics: {@code totem.jobs.runs} (tags {@code job}, {@code outcome} = done, skipped, failed, timed-out) and
 * {@code totem.jobs.last.done} (tag {@code job}: epoch seconds of this instance's last completed run; registered
 * at the first one, so a job that never completed here has no value rather than a false "1970"). Alert rules use
 * the latter to find a daily job that did not run (infra/prometheus/rules).
 */
public class PeriodicJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    private final List<PeriodicJob> jobs;
    private final DatabaseClient db;
    private final String serviceId;
    private final MeterRegistry meters;
    private final List<Disposable> running = new ArrayList<>();
    private final Map<String, AtomicLong> lastDone = new ConcurrentHashMap<>();
    private volatile boolean started;

    public PeriodicJobs(List<PeriodicJob> jobs, DatabaseClient db, String serviceId, MeterRegistry meters) {
        this.jobs = List.copyOf(jobs);
        this.db = db;
        this.serviceId = serviceId;
        this.meters = meters;
        List<String> names = this.jobs.stream().map(PeriodicJob::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalStateException("two periodic jobs share a name: " + names);
        }
    }

    /** One run of the job now, under its lock if it has one; completes with whether it ran. Also used by tests. */
    public Mono<Boolean> runOnce(PeriodicJob job) {
        Mono<Boolean> run = Mono.defer(job.work()::get).then(Mono.just(true));
        Mono<Boolean> guarded = job.oneInstance() ? underLock(lockKey(job), run) : run;
        return guarded
                .timeout(job.timeout())
                .doOnNext(ran -> count(job, ran ? "done" : "skipped"))
                .onErrorResume(e -> {
                    if (e instanceof java.util.concurrent.TimeoutException) {
                        count(job, "timed-out");
                        log.warn("periodic job {} cancelled after {} (hung connection or dependency?)", job.name(), job.timeout());
                    } else {
                        count(job, "failed");
                        log.warn("periodic job {} failed: {}", job.name(), e.toString());
                    }
                    return Mono.just(false);
                });
    }

    private Mono<Boolean> underLock(long key, Mono<Boolean> run) {
        return db.inConnection(connection -> Mono.usingWhen(
                Mono.from(connection.createStatement("select pg_try_advisory_lock($1)").bind(0, key).execute())
                        .flatMap(result -> Mono.from(result.map((row, meta) -> Boolean.TRUE.equals(row.get(0, Boolean.class))))),
                locked -> locked ? run : Mono.just(false),
                locked -> locked
                        ? Mono.from(connection.createStatement("select pg_advisory_unlock($1)").bind(0, key).execute())
                                .flatMapMany(result -> result.map((row, meta) -> true)).then()
                        : Mono.empty()));
    }

    /** The advisory lock key of a one-instance job (visible in {@code pg_locks}). */
    public long lockKey(PeriodicJob job) {
        return ("totem-job:" + serviceId + ":" + job.name()).hashCode();
    }

    private void count(PeriodicJob job, String outcome) {
        meters.counter("totem.jobs.runs", "job", job.name(), "outcome", outcome).increment();
        if ("done".equals(outcome)) {
            lastDone.computeIfAbsent(job.name(), name -> {
                AtomicLong at = new AtomicLong();
                Gauge.builder("totem.jobs.last.done", at, AtomicLong::get).tag("job", name).baseUnit("seconds")
                        .description("epoch seconds of the job's last completed run on this instance").register(meters);
                return at;
            }).set(java.time.Instant.now().getEpochSecond());
        }
    }

    @Override
    public synchronized void start() {
        for (PeriodicJob job : jobs) {
            Flux<?> loop = job.cron() == null
                    ? Mono.delay(job.firstAfter()).thenMany(runOnce(job).then(Mono.delay(job.interval())).repeat())
                    : Mono.defer(() -> Mono.delay(job.untilNextRun(Instant.now()))).then(runOnce(job)).repeat();
            running.add(loop.subscribe());
        }
        started = true;
    }

    @Override
    public synchronized void stop() {
        running.forEach(Disposable::dispose);
        running.clear();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        // started after the connection factories, stopped before they close
        return Integer.MAX_VALUE - 2048;
    }
}
