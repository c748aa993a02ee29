package br.com.totem.payment.reconcile;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.settings.SecretReEncryption;
import br.com.totem.payment.settings.crypto.SecretKeysProperties;
import br.com.totem.payment.webhook.WebhookProcessor;
import br.com.totem.payment.webhook.WebhookRegistration;
import br.com.totem.platform.jobs.PeriodicJob;

/**
 * The service's background work, run by the platform's periodic jobs: webhook registration, the
 * reconciliation pass (one instance at a time), the leftover webhook receipts (leased, so every
 * instance may take some), the payment gauges (every instance: each reports the same numbers), the daily
 * reconciliation at {@code reconcile.daily-cron}, and the providers' secrets brought under the active
 * key (at start-up, then every {@code secrets.re-encrypt-interval}, one instance at a time).
 */
@Configuration(proxyBeanMethods = false)
public class PaymentJobs {

    @Bean
    @ConditionalOnBooleanProperty("totem.payment.webhook.register-on-startup")
    PeriodicJob webhookRegistrationJob(WebhookRegistration registration, PaymentProperties properties) {
        // at once, then again so that settings seeded or changed while running get registered
        return PeriodicJob.named("webhook-registration").firstAfter(Duration.ZERO).every(properties.reconcile().interval())
                .run(registration::registerWebhooks);
    }

    @Bean
    PeriodicJob reconciliationJob(Reconciler reconciler, PaymentProperties properties) {
        return PeriodicJob.named("reconciliation").every(properties.reconcile().interval()).onOneInstance()
                .run(reconciler::runOnce);
    }

    @Bean
    PeriodicJob webhookReceiptsJob(WebhookProcessor webhooks, PaymentProperties properties) {
        return PeriodicJob.named("webhook-receipts").every(properties.webhook().processInterval())
                .run(webhooks::processPending);
    }

    @Bean
    PeriodicJob webhookPayloadPruningJob(br.com.totem.payment.webhook.WebhookReceipts receipts, PaymentProperties properties) {
        return PeriodicJob.named("webhook-payload-pruning").firstAfter(Duration.ofMinutes(2)).every(Duration.ofHours(1))
                .onOneInstance()
                .run(() -> receipts.prunePayloads(java.time.Instant.now().minus(properties.webhook().payloadRetention())));
    }

    @Bean
    PeriodicJob secretReEncryptionJob(SecretReEncryption reEncryption, SecretKeysProperties secrets) {
        return PeriodicJob.named("secret-re-encryption").firstAfter(Duration.ZERO).every(secrets.reEncryptInterval())
                .onOneInstance().run(reEncryption::runOnce);
    }

    @Bean
    PeriodicJob paymentGaugesJob(PaymentGauges gauges) {
        return PeriodicJob.named("payment-gauges").firstAfter(Duration.ZERO).every(Duration.ofSeconds(15)).run(gauges::refresh);
    }

    @Bean
    PeriodicJob dailyReconciliationJob(DailyReconciliation daily, PaymentProperties properties) {
        return PeriodicJob.named("daily-reconciliation")
                .cron(properties.reconcile().dailyCron(), ZoneId.of(properties.reconcile().zone())).onOneInstance()
                .run(daily::runYesterday);
    }
}
