package br.com.totem.payment.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;

import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.webhook.WebhookProcessor;
import br.com.totem.payment.webhook.WebhookRegistration;
import br.com.totem.platform.jobs.PeriodicJob;
import reactor.core.publisher.Mono;

/**
 * The service's background work, run by the platform's periodic jobs: webhook registration, the
 * reconciliation pass (one instance at a time), the leftover webhook receipts (leased, so every
 * instance may take some) and the daily reconciliation at {@code reconcile.daily-cron}.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentJobs {

    /** How often the daily reconciliation looks whether its cron time has come. */
    static final Duration DAILY_CHECK = Duration.ofMinutes(1);

    @Bean
    @ConditionalOnBooleanProperty("totem.payment.webhook.register-on-startup")
    PeriodicJob webhookRegistration(WebhookRegistration registration, PaymentProperties properties) {
        // at once, then again so that settings seeded or changed while running get registered
        return PeriodicJob.named("webhook-registration").firstAfter(Duration.ZERO).every(properties.reconcile().interval())
                .run(registration::registerWebhooks);
    }

    @Bean
    PeriodicJob reconciliation(Reconciler reconciler, PaymentProperties properties) {
        return PeriodicJob.named("reconciliation").every(properties.reconcile().interval()).onOneInstance()
                .run(reconciler::runOnce);
    }

    @Bean
    PeriodicJob webhookReceipts(WebhookProcessor webhooks, PaymentProperties properties) {
        return PeriodicJob.named("webhook-receipts").every(properties.webhook().processInterval())
                .run(webhooks::processPending);
    }

    @Bean
    PeriodicJob dailyReconciliation(DailyReconciliation daily, PaymentProperties properties, Clock clock) {
        var due = new DailyDue(CronExpression.parse(properties.reconcile().dailyCron()),
                clock.withZone(ZoneId.of(properties.reconcile().zone())));
        return PeriodicJob.named("daily-reconciliation").every(DAILY_CHECK).onOneInstance()
                .run(() -> due.take() ? daily.runYesterday() : Mono.empty());
    }

    /** Whether the cron's next time since the last run (or start-up) has come; taking it moves it on. */
    static final class DailyDue {
        private final CronExpression cron;
        private final Clock clock;
        private final AtomicReference<ZonedDateTime> next;

        DailyDue(CronExpression cron, Clock clock) {
            this.cron = cron;
            this.clock = clock;
            this.next = new AtomicReference<>(cron.next(ZonedDateTime.now(clock)));
        }

        boolean take() {
            ZonedDateTime now = ZonedDateTime.now(clock);
            ZonedDateTime at = next.get();
            return !now.isBefore(at) && next.compareAndSet(at, cron.next(now));
        }
    }
}
