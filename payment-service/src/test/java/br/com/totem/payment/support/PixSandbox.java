package br.com.totem.payment.support;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.sandbox.pix.PixPspSandboxApplication;

/**
 * The pix-psp sandbox started in this JVM on a random port, once per test run: the stand-in
 * bank that payment-service reaches over real HTTP with the same adapter as for Sicredi.
 */
public final class PixSandbox {

    private static volatile PixSandbox plain;

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private PixSandbox(ConfigurableApplicationContext context, String scheme) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = scheme + "://127.0.0.1:" + port;
    }

    /** The plain-HTTP sandbox every flow test shares. */
    public static PixSandbox get() {
        if (plain == null) {
            synchronized (PixSandbox.class) {
                if (plain == null) {
                    plain = new PixSandbox(PixPspSandboxApplication.startEmbedded(Map.of("sandbox.refund-delay", "300ms")), "http");
                }
            }
        }
        return plain;
    }

    /** A separate sandbox with the given extra properties (TLS), closed by the caller. */
    public static PixSandbox start(Map<String, Object> properties, String scheme) {
        return new PixSandbox(PixPspSandboxApplication.startEmbedded(properties), scheme);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String apiUrl() {
        return baseUrl + "/api/v2";
    }

    public String tokenUrl() {
        return baseUrl + "/oauth/token";
    }

    /** The control API (no TLS needed: tests only use it on the plain sandbox). */
    public WebTestClient control() {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(10)).build();
    }

    public void close() {
        context.close();
    }
}
