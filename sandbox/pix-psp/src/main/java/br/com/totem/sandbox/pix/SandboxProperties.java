package br.com.totem.sandbox.pix;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.*}.
 *
 * @param clients        OAuth2 client id → secret; empty accepts any client (demo mode)
 * @param tokenTtl       {@code expires_in} of issued tokens
 * @param locationHost   host used in the {@code location} of charges (no scheme, as BACEN's)
 * @param refundDelay    how long a devolução stays EM_PROCESSAMENTO before its final status
 * @param webhookRetries how often a failed webhook delivery is retried
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(Map<String, String> clients, Duration tokenTtl, String locationHost,
                                Duration refundDelay, Integer webhookRetries) {

    public SandboxProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
        locationHost = locationHost == null ? "pix-psp.sandbox.local" : locationHost;
        refundDelay = refundDelay == null ? Duration.ofMillis(500) : refundDelay;
        webhookRetries = webhookRetries == null ? 3 : webhookRetries;
    }
}
