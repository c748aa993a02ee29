package br.com.totem.sandbox.pix;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * Calls the registered webhook as the bank does: {@code POST {webhookUrl}/pix} with
 * {@code {"pix":[...]}}, "/pix" appended strictly at the end (even after a query string).
 * Honours the dropWebhooks and duplicateWebhooks faults.
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final SandboxState state;
    private final SandboxProperties properties;
    private final WebClient http;

    public WebhookNotifier(SandboxState state, SandboxProperties properties) {
        this.state = state;
        this.properties = properties;
        HttpClient client = HttpClient.create()
                .responseTimeout(Duration.ofSeconds(5))
                .secure(ssl -> {
                    try {
                        // a sandbox talks to dev machines with self-signed certificates
                        ssl.sslContext(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build());
                    } catch (javax.net.ssl.SSLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    public void notify(String chave, SandboxState.Pix pix) {
        SandboxState.Webhook webhook = state.webhooks.get(chave);
        if (webhook == null) {
            log.info("no webhook registered for the key of txid {}: not notifying", pix.txid);
            return;
        }
        SandboxState.Faults faults = state.faults;
        if (faults.dropWebhooks()) {
            log.info("fault dropWebhooks: notification of {} dropped", pix.endToEndId);
            return;
        }
        Map<String, Object> body = Map.of("pix", List.of(pix.toJson(true)));
        String url = webhook.webhookUrl() + "/pix";
        for (int i = 0; i < faults.duplicateWebhooks(); i++) {
            http.post().uri(java.net.URI.create(url)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .retrieve().toBodilessEntity()
                    .retryWhen(Retry.backoff(properties.webhookRetries(), Duration.ofMillis(500)))
                    .subscribe(r -> {
                        state.webhooksSent.incrementAndGet();
                        log.info("webhook for {} delivered: {}", pix.endToEndId, r.getStatusCode());
                    }, e -> log.warn("webhook for {} failed: {}", pix.endToEndId, e.toString()));
        }
    }
}
