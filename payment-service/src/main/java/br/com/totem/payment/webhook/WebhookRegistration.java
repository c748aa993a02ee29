package br.com.totem.payment.webhook;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;
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

    /** Every tenant with a webhook URL this instance has not registered yet at {@link #registeredUrl}. */
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

    /**
     * The URL the PSP calls, {@code <webhook_url>/<tenant>/<secret>}; it appends "/pix". The secret
     * is a path segment, not a query parameter: query strings are what proxies, traces and the
     * bank's own logs keep, and the gateway's access log masks this segment. A {@code webhook_url}
     * ending in {@code /pix} (the form of older settings) has it dropped.
     */
    public static String registeredUrl(TenantSettings s) {
        String base = s.webhookUrl();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/pix")) {
            base = base.substring(0, base.length() - 4);
        }
        return base + "/" + UriUtils.encodePathSegment(s.tenantId(), StandardCharsets.UTF_8)
                + "/" + UriUtils.encodePathSegment(s.webhookSecret(), StandardCharsets.UTF_8);
    }
}
