package br.com.totem.print.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code totem.print.*} (application.yml; docs/configuration.md).
 *
 * @param publicBaseUrl  base of the customer's status page printed as the QR ({@code <base>/t/<token>}, served by the gateway)
 * @param defaultZone    time zone for tickets whose event carries none
 * @param studioNames    tenant id → the name printed at the top of its tickets (the tenant id when absent)
 * @param maxAttempts    attempts per job before the PDF fallback (a printer that reports offline or paper-out
 *                       ends the job at once)
 * @param retryBackoff   delay before the 2nd attempt, doubled for each next one
 * @param connectTimeout TCP connect timeout to a printer
 * @param readTimeout    wait for one {@code DLE EOT} reply
 * @param pollInterval   how often the worker looks for due jobs
 * @param breakerOpenFor how long a printer's circuit breaker stays open (its jobs go straight to the PDF)
 *                       after half of its last attempts (at least 2) could not reach it
 * @param cloudprnt      the pull path's time limits
 */
@Validated
@ConfigurationProperties("totem.print")
public record PrintProperties(@NotBlank String publicBaseUrl, @NotBlank String defaultZone, Map<String, String> studioNames,
                              @Min(1) int maxAttempts, @NotNull Duration retryBackoff, @NotNull Duration connectTimeout,
                              @NotNull Duration readTimeout, @NotNull Duration pollInterval,
                              @NotNull Duration breakerOpenFor, @NotNull @Valid CloudPrnt cloudprnt) {

    /**
     * {@code totem.print.cloudprnt.*}.
     *
     * @param offlineAfter   a CloudPRNT printer that has not polled for this long is offline: a job waiting for it
     *                       that long goes to the PDF (Star: no poll within 2 × interval + 5 s, 15 s at the 5 s default)
     * @param confirmTimeout a job the printer fetched but did not confirm within this time is not offered again (that
     *                       made duplicates elsewhere): it ends INTERRUPTED with its PDF (Star's print timeout is ~60 s)
     */
    public record CloudPrnt(@NotNull Duration offlineAfter, @NotNull Duration confirmTimeout) {
    }

    public PrintProperties {
        studioNames = studioNames == null ? Map.of() : Map.copyOf(studioNames);
    }

    public String studioName(String tenant) {
        return studioNames.getOrDefault(tenant, tenant);
    }

    public String statusUrl(String statusToken) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        // the status page (web/status), which reads /api/v1/public/queue/<token> by itself
        return base + "/t/" + statusToken;
    }

    /** Delay before attempt {@code next} (2 = the first retry). */
    public Duration backoffBefore(int next) {
        return retryBackoff.multipliedBy(1L << Math.min(10, Math.max(0, next - 2)));
    }
}
