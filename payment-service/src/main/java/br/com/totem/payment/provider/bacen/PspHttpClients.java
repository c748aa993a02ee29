package br.com.totem.payment.provider.bacen;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import br.com.totem.payment.settings.TenantSettings;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One WebClient per PSP connection (base URL + TLS material), built once: mTLS with the client
 * certificate and key from configuration (PEM pair or PKCS#12) and the bank's CA chain as trust.
 */
@Component
public class PspHttpClients {

    private final Map<String, WebClient> clients = new ConcurrentHashMap<>();
    private final ConnectionProvider pool = ConnectionProvider.builder("psp").maxConnections(50)
            .pendingAcquireTimeout(Duration.ofSeconds(2)).maxIdleTime(Duration.ofSeconds(30)).build();


    public WebClient forTenant(TenantSettings s) {
        return clients.computeIfAbsent(s.connectionKey(), k -> build(s));
    }

    private WebClient build(TenantSettings s) {
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(5));
        boolean tls = (s.apiBaseUrl() != null && s.apiBaseUrl().startsWith("https:"))
                || (s.tokenUrl() != null && s.tokenUrl().startsWith("https:"));
        if (tls) {
            SslContext context = sslContext(s);
            http = http.secure(spec -> spec.sslContext(context));
        }
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    static SslContext sslContext(TenantSettings s) {
        try {
            SslContextBuilder ssl = SslContextBuilder.forClient();
            if (s.tlsKeystore() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                char[] password = s.tlsKeystorePassword() == null ? new char[0] : s.tlsKeystorePassword().toCharArray();
                try (InputStream in = new FileInputStream(s.tlsKeystore())) {
                    ks.load(in, password);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                ssl.keyManager(kmf);
            } else if (s.tlsClientCert() != null && s.tlsClientKey() != null) {
                ssl.keyManager(new java.io.File(s.tlsClientCert()), new java.io.File(s.tlsClientKey()));
            }
            if (s.tlsTrustCerts() != null) {
                ssl.trustManager(new java.io.File(s.tlsTrustCerts()));
            }
            return ssl.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS material of tenant " + s.tenantId() + ": " + e.getMessage(), e);
        }
    }
}
