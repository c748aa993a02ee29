package br.com.totem.payment.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code totem.payment.*} (application.yml; docs/configuration.md).
 *
 * @param link           how long POST /link waits for the ticket's event and for a charge another request is creating
 * @param reconcile      the job that polls open charges, expires them, and drives refunds
 * @param webhook        webhook receipts processing and registration at start-up
 * @param retryAfter     Retry-After (seconds) when the PSP is unavailable
 */
@Validated
@ConfigurationProperties("totem.payment")
public record PaymentProperties(@NotNull Link link, @NotNull Reconcile reconcile, @NotNull Webhook webhook,
                                @NotNull Duration retryAfter) {

    /**
     * @param ticketWait      bounded wait for ticket.created when the kiosk is faster than the event
     * @param chargeWait      bounded wait for a charge another request is creating; then 202
     * @param claimStaleAfter a creating request silent this long is presumed dead and replaced
     */
    public record Link(@NotNull Duration ticketWait, @NotNull Duration chargeWait, @NotNull Duration claimStaleAfter) {
    }

    /**
     * @param interval      how often open charges are polled at the PSP (a dropped webhook confirms within it)
     * @param pendingAfter  only charges older than this are polled (the webhook usually wins)
     * @param dailyCron     when the daily GET /cob?inicio&fim reconciliation of the previous day runs
     * @param zone          the business time zone of "a day"
     */
    public record Reconcile(@NotNull Duration interval, @NotNull Duration pendingAfter, @NotNull String dailyCron,
                            @NotNull String zone) {
    }

    /**
     * @param processInterval how often stored webhook receipts left unprocessed are retried
     * @param registerOnStartup PUT /webhook/{chave} for every tenant with a webhook URL when the service starts
     */
    /** @param payloadRetention a processed receipt's full bank payload (payer name, document) is emptied after this */
    public record Webhook(@NotNull Duration processInterval, boolean registerOnStartup, @NotNull Duration payloadRetention) {
    }
}
