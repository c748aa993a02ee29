package br.com.totem.report.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code totem.report.*} (application.yml; docs/configuration.md).
 *
 * @param defaultZone    a tenant's zone until one of its events carries it
 * @param studioNames    tenant id → the studio name printed on its reports (the tenant id when absent)
 * @param maxRangeDays   the longest range of {@code GET /api/v1/metrics.csv}
 * @param dashboardTtl   how long a tenant's dashboard stays in Redis (events invalidate it sooner)
 * @param files          where report files are stored
 * @param nightly        the D-1 files job
 * @param metricsRefresh how often the business gauges are read from the read model
 */
@Validated
@ConfigurationProperties("totem.report")
public record ReportProperties(@NotNull ZoneId defaultZone, Map<String, String> studioNames, @Min(1) int maxRangeDays,
                               @NotNull Duration dashboardTtl, @NotNull @Valid Files files,
                               @NotNull @Valid Nightly nightly, @NotNull Duration metricsRefresh) {

    /** @param directory the folder of the directory store, one sub-folder per tenant */
    public record Files(@NotBlank String directory) {
    }

    /**
     * @param at            local time in the tenant's zone after which D-1 is written
     * @param checkInterval how often the job looks for due days
     * @param catchUpDays   the most past days one run writes (after downtime, or for a new tenant)
     * @param maxAttempts   attempts per day before the run gives up (counted in metrics)
     * @param retryAfter    delay before a failed day is tried again
     */
    public record Nightly(@NotNull LocalTime at, @NotNull Duration checkInterval, @Min(1) int catchUpDays,
                          @Min(1) int maxAttempts, @NotNull Duration retryAfter) {
    }

    public ReportProperties {
        studioNames = studioNames == null ? Map.of() : Map.copyOf(studioNames);
    }

    public String studioName(String tenant) {
        return studioNames.getOrDefault(tenant, tenant);
    }
}
