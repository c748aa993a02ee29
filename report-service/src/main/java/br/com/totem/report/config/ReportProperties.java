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

    /**
     * @param store     {@code directory} (the default) or {@code s3}
     * @param directory the folder of the directory store, one sub-folder per tenant
     * @param s3        the bucket of the S3-compatible store
     */
    public record Files(@NotNull Store store, @NotBlank String directory, @NotNull @Valid S3 s3) {

        public Files {
            store = store == null ? Store.DIRECTORY : store;
            s3 = s3 == null ? new S3(null, null, null, null, null, null, true) : s3;
        }
    }

    /** Where the nightly files go. */
    public enum Store { DIRECTORY, S3 }

    /**
     * An S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…); read only when {@code store} is {@code s3}.
     *
     * @param endpoint  the server, e.g. {@code http://minio:9000}; blank for AWS S3 itself (the region's endpoint)
     * @param region    the signing region ({@code us-east-1} when blank; most S3-compatible servers accept any)
     * @param bucket    the bucket, created beforehand by the operator
     * @param prefix    put before {@code <tenant>/<name>} in every key, e.g. {@code totem/reports/}
     * @param accessKey with {@code secretKey}: static credentials; both blank: the AWS default chain
     *                  (environment, profile, container or instance role)
     * @param secretKey the secret of {@code accessKey}
     * @param pathStyle {@code http://host/bucket/key} (what S3-compatible servers expect) instead of
     *                  {@code http://bucket.host/key}
     */
    public record S3(java.net.URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                     boolean pathStyle) {

        public S3 {
            endpoint = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
            region = region == null || region.isBlank() ? "us-east-1" : region;
            prefix = prefix == null ? "" : prefix;
            accessKey = accessKey == null || accessKey.isBlank() ? null : accessKey;
            secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey;
        }
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
