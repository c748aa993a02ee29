package br.com.totem.payment.reconcile;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.payment.webhook.WebhookProcessor;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's background work, started once the application is ready: webhook registration,
 * the reconciliation loop, the leftover webhook receipts, and the daily reconciliation. Each
 * loop runs one pass at a time (a slow pass delays the next instead of piling up).
 */
@Component
public class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final PaymentProperties properties;
    private final Reconciler reconciler;
    private final DailyReconciliation daily;
    private final WebhookProcessor webhooks;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final Clock clock;
    private final Disposable.Composite running = Disposables.composite();
    /** tenant → URL registered by this instance (in memory: a restart registers again, which PUT makes harmless) */
    private final java.util.Map<String, String> registered = new java.util.concurrent.ConcurrentHashMap<>();

    public PaymentJobs(PaymentProperties properties, Reconciler reconciler, DailyReconciliation daily, WebhookProcessor webhooks,
                       TenantSettingsStore settings, PixProvider pix, Clock clock) {
        this.properties = properties;
        this.reconciler = reconciler;
        this.daily = daily;
        this.webhooks = webhooks;
        this.settings = settings;
        this.pix = pix;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (properties.webhook().registerOnStartup()) {
            running.add(registerWebhooks().subscribe());
            // settings seeded or changed while running get registered on a later pass
            running.add(loop("webhook registration", properties.reconcile().interval(), this::registerWebhooks));
        }
        running.add(loop("reconciliation", properties.reconcile().interval(), reconciler::runOnce));
        running.add(loop("webhook receipts", properties.webhook().processInterval(), webhooks::processPending));
        CronExpression cron = CronExpression.parse(properties.reconcile().dailyCron());
        running.add(Flux.defer(() -> {
                    var now = java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneId.of(properties.reconcile().zone())));
                    var next = cron.next(now);
                    return Mono.delay(Duration.between(now, next)).then(daily.runYesterday()).flux();
                }).repeat()
                .subscribe(v -> { }, e -> log.error("daily reconciliation loop stopped", e)));
    }

    /** PUT /webhook/{chave} for every tenant with a webhook URL: {@code url?tenant=..&hmac=..&ignorar=}. */
    public Mono<Void> registerWebhooks() {
        return settings.all().filter(s -> s.usesPix() && s.webhookUrl() != null)
                .filter(s -> !registeredUrl(s).equals(registered.get(s.tenantId())))
                .concatMap(this::register)
                .then();
    }

    public Mono<Void> register(TenantSettings s) {
        String url = registeredUrl(s);
        return pix.registerWebhook(s, url)
                .doOnSuccess(v -> {
                    registered.put(s.tenantId(), url);
                    log.info("webhook registered at the PSP for tenant {}", s.tenantId());
                })
                .onErrorResume(e -> {
                    // the PSP's message may echo the URL, which carries the secret: log only the kind of failure
                    log.warn("webhook registration for tenant {} failed: {}", s.tenantId(),
                            e instanceof br.com.totem.payment.provider.PspException p ? "PSP status " + p.status() : e.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** The URL the PSP calls (it appends "/pix", which lands in the ignored {@code ignorar} parameter). */
    public static String registeredUrl(TenantSettings s) {
        String base = s.webhookUrl();
        return base + (base.contains("?") ? "&" : "?") + "tenant=" + s.tenantId() + "&hmac=" + s.webhookSecret() + "&ignorar=";
    }

    private Disposable loop(String name, Duration every, java.util.function.Supplier<Mono<Void>> pass) {
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> pass.get().onErrorResume(e -> {
                    log.warn("{} pass failed: {}", name, e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        running.dispose();
    }
}
