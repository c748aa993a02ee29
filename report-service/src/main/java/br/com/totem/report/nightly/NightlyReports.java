package br.com.totem.report.nightly;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import br.com.totem.report.config.ReportProperties;
import br.com.totem.report.daily.CsvReports;
import br.com.totem.report.daily.DailyReports;
import br.com.totem.report.daily.PdfReports;
import br.com.totem.report.daily.TenantZones;
import br.com.totem.report.nightly.store.ReportFiles;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes each tenant's D-1 CSV and PDF once its local clock passes {@code totem.report.nightly.at}
 * (00:05), and every earlier day it missed (the service was down) up to {@code catch-up-days} back,
 * never before the tenant's first ticket. A day is claimed by a row in {@code report_runs}, so it is
 * written once even if two instances ran the job at once (the job also runs on one instance at a time);
 * a failed day is retried after {@code retry-after}, up to {@code max-attempts}, and counted in
 * {@code totem_report_nightly_runs_total{outcome}}.
 */
@Service
public class NightlyReports {

    private static final Logger log = LoggerFactory.getLogger(NightlyReports.class);

    private final DatabaseClient db;
    private final TenantZones zones;
    private final DailyReports reports;
    private final PdfReports pdf;
    private final ReportFiles files;
    private final ReportProperties.Nightly settings;
    private final MeterRegistry meters;
    private final Clock clock;

    NightlyReports(DatabaseClient db, TenantZones zones, DailyReports reports, PdfReports pdf, ReportFiles files,
                   ReportProperties properties, MeterRegistry meters, Clock clock) {
        this.db = db;
        this.zones = zones;
        this.reports = reports;
        this.pdf = pdf;
        this.files = files;
        this.settings = properties.nightly();
        this.meters = meters;
        this.clock = clock;
    }

    /** One pass: every due day of every tenant; completes with how many days were written. */
    public Mono<Long> runDue() {
        Instant now = clock.instant();
        return zones.all()
                .concatMap(t -> dueDays(t.tenant(), now.atZone(t.zone()))
                        .concatMap(day -> runDay(t.tenant(), day, now)))
                .filter(Boolean::booleanValue)
                .count();
    }

    private Flux<LocalDate> dueDays(String tenant, ZonedDateTime local) {
        LocalDate latest = local.toLocalDate().minusDays(local.toLocalTime().isBefore(settings.at()) ? 2 : 1);
        LocalDate oldest = latest.minusDays(settings.catchUpDays() - 1L);
        return db.sql("""
                        select min(coalesce(created_at, paid_at)) as first from ticket_facts where tenant_id = :tenant""")
                .bind("tenant", tenant)
                .map(row -> java.util.Optional.ofNullable(row.get("first", OffsetDateTime.class)))
                .one()
                .flatMapMany(first -> {
                    if (first.isEmpty()) {
                        return Flux.empty();
                    }
                    LocalDate firstDay = first.get().atZoneSameInstant(local.getZone()).toLocalDate();
                    List<LocalDate> days = new ArrayList<>();
                    for (LocalDate d = firstDay.isAfter(oldest) ? firstDay : oldest; !d.isAfter(latest); d = d.plusDays(1)) {
                        days.add(d);
                    }
                    return Flux.fromIterable(days);
                });
    }

    /** True when this call wrote the day's files. */
    private Mono<Boolean> runDay(String tenant, LocalDate day, Instant now) {
        return claim(tenant, day, now).flatMap(attempt -> write(tenant, day)
                .then(finish(tenant, day, "DONE", null, null))
                .doOnSuccess(v -> {
                    count("done");
                    log.info("nightly report {} of {} written (attempt {})", day, tenant, attempt);
                })
                .thenReturn(true)
                .onErrorResume(e -> {
                    boolean last = attempt >= settings.maxAttempts();
                    count(last ? "gave_up" : "failed");
                    log.warn("nightly report {} of {} failed (attempt {} of {}): {}", day, tenant, attempt,
                            settings.maxAttempts(), e.toString());
                    return finish(tenant, day, "FAILED", e.toString(), now.plus(settings.retryAfter())).thenReturn(false);
                }))
                .defaultIfEmpty(false);
    }

    private Mono<Void> write(String tenant, LocalDate day) {
        return reports.day(tenant, day).flatMap(report -> {
            String base = "relatorio-" + day;
            return files.put(tenant, base + ".csv", CsvReports.daily(report))
                    .then(Mono.fromCallable(() -> pdf.daily(report)).subscribeOn(Schedulers.boundedElastic()))
                    .flatMap(bytes -> files.put(tenant, base + ".pdf", bytes));
        });
    }

    /**
     * Takes the day: a new row, or a FAILED one due for a retry with attempts left, or a RUNNING one whose
     * lease ran out (its instance stopped mid-run). Emits the attempt number; empty when the day is not ours.
     */
    private Mono<Integer> claim(String tenant, LocalDate day, Instant now) {
        return db.sql("""
                        insert into report_runs (tenant_id, business_date, status, attempts, next_attempt, started_at)
                        values (:tenant, :day, 'RUNNING', 1, :lease, :now)
                        on conflict (tenant_id, business_date) do update
                            set status = 'RUNNING', attempts = report_runs.attempts + 1, next_attempt = :lease, started_at = :now
                            where report_runs.status <> 'DONE' and report_runs.attempts < :max
                              and report_runs.next_attempt <= :now
                        returning attempts""")
                .bind("tenant", tenant).bind("day", day).bind("max", settings.maxAttempts())
                .bind("now", utc(now)).bind("lease", utc(now.plus(java.time.Duration.ofHours(1))))
                .map(row -> row.get("attempts", Integer.class))
                .one();
    }

    private Mono<Void> finish(String tenant, LocalDate day, String status, String error, Instant next) {
        var spec = db.sql("""
                        update report_runs set status = :status, last_error = :error, next_attempt = :next,
                            finished_at = case when :status = 'DONE' then :now else finished_at end
                        where tenant_id = :tenant and business_date = :day""")
                .bind("status", status).bind("tenant", tenant).bind("day", day).bind("now", utc(clock.instant()));
        spec = br.com.totem.platform.data.Binds.nullable(spec, "error", error, String.class);
        spec = br.com.totem.platform.data.Binds.instant(spec, "next", next);
        return spec.then();
    }

    private void count(String outcome) {
        meters.counter("totem.report.nightly.runs", "outcome", outcome).increment();
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
