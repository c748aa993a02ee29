package br.com.totem.payment.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import reactor.core.publisher.Mono;

/** Registers each tenant's webhook URL at the PSP ({@code PUT /webhook/{chave}}). */
@Component
public class WebhookRegistration {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);

    private final TenantSettingsStore settings;
    private final PixProvider pix;
    /** tenant → URL registered by this instance (in memory: a restart registers again, which PUT makes harmless) */
    private final Map<String, String> registered = new ConcurrentHashMap<>();

    public WebhookRegistration(TenantSettingsStore settings, PixProvider pix) {
        this.settings = settings;
        this.pix = pix;
    }

    /** Every tenant with a webhook URL this instance has not registered yet: {@code url?tenant=..&hmac=..&ignorar=}. */
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
                            e instanceof PspException p ? "PSP status " + p.status() : e.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** The URL the PSP calls (it appends "/pix", which lands in the ignored {@code ignorar} parameter). */
    public static String registeredUrl(TenantSettings s) {
        String base = s.webhookUrl();
        return base + (base.contains("?") ? "&" : "?") + "tenant=" + s.tenantId() + "&hmac=" + s.webhookSecret() + "&ignorar=";
    }
}
