package br.com.totem.report.daily.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.security.Callers;
import br.com.totem.report.config.ReportProperties;
import br.com.totem.report.daily.CsvReports;
import br.com.totem.report.daily.DailyReports;
import br.com.totem.report.daily.PdfReports;
import br.com.totem.report.daily.TenantZones;
import br.com.totem.report.daily.domain.DailyReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The manager's reports of the caller's own tenant (the tenant comes only from the token). */
@RestController
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Tag(name = "Reports", description = "Daily report (JSON, CSV, PDF) and KPIs per day")
class ReportController {

    static final String BAD_DATE = ProblemTypes.BASE + "report-date";
    static final String BAD_FORMAT = ProblemTypes.BASE + "report-format";
    static final String BAD_RANGE = ProblemTypes.BASE + "report-range";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final DailyReports reports;
    private final TenantZones zones;
    private final PdfReports pdf;
    private final ReportProperties properties;
    private final Clock clock;

    ReportController(DailyReports reports, TenantZones zones, PdfReports pdf, ReportProperties properties, Clock clock) {
        this.reports = reports;
        this.zones = zones;
        this.pdf = pdf;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/reports/daily")
    @Operation(summary = "One business day of the caller's tenant (its time zone decides the day)")
    @ApiResponse(responseCode = "200", description = "JSON (DailyReport), CSV (UTF-8 with BOM, ';', decimal comma) or PDF",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = DailyReport.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/pdf")})
    @ApiResponse(responseCode = "400", description = "a date that is not yyyy-MM-dd, or a format other than json, csv, pdf")
    Mono<ResponseEntity<?>> daily(
            @Parameter(description = "yyyy-MM-dd; yesterday in the tenant's zone when absent") @RequestParam(required = false) String date,
            @Parameter(description = "json (default), csv or pdf") @RequestParam(defaultValue = "json") String format) {
        String kind = format.toLowerCase(java.util.Locale.ROOT);
        if (!kind.equals("json") && !kind.equals("csv") && !kind.equals("pdf")) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, BAD_FORMAT, "Unknown report format",
                    "Formato inválido: use json, csv ou pdf.", Map.of("format", format)));
        }
        return Callers.current().flatMap(c -> day(c.tenant(), date).flatMap(d -> reports.day(c.tenant(), d)))
                .flatMap(report -> switch (kind) {
                    case "csv" -> Mono.just(file(report, "csv", CSV, CsvReports.daily(report)));
                    case "pdf" -> Mono.fromCallable(() -> pdf.daily(report)).subscribeOn(Schedulers.boundedElastic())
                            .map(bytes -> file(report, "pdf", MediaType.APPLICATION_PDF, bytes));
                    default -> Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report));
                });
    }

    @GetMapping(path = "/api/v1/metrics.csv", produces = "text/csv")
    @Operation(summary = "KPIs per business day over a bounded range (both ends included)")
    @ApiResponse(responseCode = "200", description = "CSV: UTF-8 with BOM, ';', decimal comma, one row per day")
    @ApiResponse(responseCode = "400", description = "missing or malformed dates, to before from, or a range longer than allowed")
    Mono<ResponseEntity<byte[]>> metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate start;
        LocalDate end;
        try {
            start = parse(from, "from");
            end = parse(to, "to");
        } catch (ProblemException e) {
            return Mono.error(e);
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days < 1 || days > properties.maxRangeDays()) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, BAD_RANGE, "Report range out of bounds",
                    "O período deve ter de 1 a " + properties.maxRangeDays() + " dias, com 'from' até 'to'.",
                    Map.of("from", from, "to", to, "maxDays", properties.maxRangeDays())));
        }
        return Callers.current().flatMap(c -> Flux.range(0, (int) days)
                        .concatMap(i -> reports.day(c.tenant(), start.plusDays(i)))
                        .collectList())
                .map(list -> ResponseEntity.ok().contentType(CSV)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"metricas-" + start + "-a-" + end + ".csv\"")
                        .body(CsvReports.metrics(list)));
    }

    private Mono<LocalDate> day(String tenant, String date) {
        if (date == null || date.isBlank()) {
            return zones.zoneOf(tenant).map(zone -> LocalDate.now(clock.withZone(zone)).minusDays(1));
        }
        try {
            return Mono.just(parse(date, "date"));
        } catch (ProblemException e) {
            return Mono.error(e);
        }
    }

    private static LocalDate parse(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, BAD_DATE, "Missing date",
                    "Informe '" + name + "' no formato aaaa-mm-dd.", Map.of("parameter", name));
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, BAD_DATE, "Malformed date",
                    "Data inválida em '" + name + "': use o formato aaaa-mm-dd.", Map.of("parameter", name, "value", value));
        }
    }

    private static ResponseEntity<?> file(DailyReport report, String ext, MediaType type, byte[] body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(report, ext) + "\"")
                .body(body);
    }

    static String fileName(DailyReport report, String ext) {
        return "relatorio-" + report.date() + "." + ext;
    }
}
