package br.com.totem.ticket.config;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code totem.ticket.*} (docs/configuration.md).
 *
 * @param defaultTimeZone   business-day zone of a tenant without its own {@code tenant_settings} row
 * @param idempotencyKeyTtl how long an Idempotency-Key of POST /api/v1/tickets is remembered
 */
@Validated
@ConfigurationProperties("totem.ticket")
public record TicketProperties(@NotNull ZoneId defaultTimeZone, @NotNull Duration idempotencyKeyTtl,
                               @Valid @NotNull Expiry expiry, @Valid @NotNull Retention retention) {

    /**
     * @param pendingTimeout a ticket still unpaid after this long is expired by the safety job
     *                       (payment.expired normally comes first)
     * @param checkInterval  how often the safety job looks
     */
    public record Expiry(@NotNull Duration pendingTimeout, @NotNull Duration checkInterval) {
    }

    /**
     * @param customerInactivity customers without a ticket for this long are anonymised (LGPD)
     * @param cron               when the daily retention job runs, in {@code zone}
     */
    public record Retention(@NotNull Duration customerInactivity, @NotBlank String cron, @NotNull ZoneId zone) {
    }
}
