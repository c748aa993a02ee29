package br.com.totem.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.com.totem.payment.brcode.BrCode;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.support.PaymentIT;
import br.com.totem.payment.support.PixSandbox;
import br.com.totem.payment.support.TestCertificates;

/**
 * The bank's mTLS path: a sandbox behind TLS that demands a client certificate from our CA;
 * payment-service reaches it with the client certificate from configuration, as a PEM pair and
 * as PKCS#12, trusting only the generated CA. Without a certificate the bank refuses the handshake.
 */
class MutualTlsIT extends PaymentIT {

    static TestCertificates certs;
    static PixSandbox tlsBank;

    @BeforeAll
    static void tlsSandbox() throws Exception {
        certs = TestCertificates.generate(Files.createTempDirectory("totem-mtls"));
        tlsBank = PixSandbox.start(Map.of(
                "server.ssl.enabled", "true",
                "server.ssl.certificate", "file:" + certs.serverCert(),
                "server.ssl.certificate-private-key", "file:" + certs.serverKey(),
                "server.ssl.trust-certificate", "file:" + certs.caPem(),
                "server.ssl.client-auth", "need"), "https");
    }

    @AfterAll
    static void stop() {
        tlsBank.close();
    }

    @Test
    void whenTheClientCertificateIsAPemPairThenTheChargeIsCreatedOverMutualTls() {
        useTlsBank(certs.clientCert().toString(), certs.clientKey().toString(), null, null);
        UUID ticketId = ticket(6000);
        link(ticketId).expectStatus().isOk().expectBody().jsonPath("$.pixCopiaECola").value(code ->
                assertThat(BrCode.isValid((String) code)).isTrue());
    }

    @Test
    void whenTheClientCertificateIsPkcs12ThenTheChargeIsCreatedOverMutualTls() {
        useTlsBank(null, null, certs.clientP12().toString(), certs.p12Password());
        UUID ticketId = ticket(4500);
        link(ticketId).expectStatus().isOk().expectBody().jsonPath("$.amountCents").isEqualTo(4500);
    }

    @Test
    void whenNoClientCertificateIsPresentedThenTheBankRefusesTheHandshake() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.caPem())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (HttpClient client = HttpClient.newBuilder().sslContext(ssl).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(tlsBank.tokenUrl()))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    private void useTlsBank(String cert, String key, String p12, String p12Password) {
        TenantSettings s = settingsFor(tenant, tlsBank.apiUrl(), tlsBank.tokenUrl(), cert, key, certs.caPem().toString());
        settingsStore.save(new TenantSettings(s.tenantId(), s.pixKey(), s.merchantName(), s.merchantCity(), s.providers(),
                s.providerName(), s.apiBaseUrl(), s.tokenUrl(), s.clientId(), s.clientSecret(), s.scopes(), cert, key, p12,
                p12Password, s.tlsTrustCerts(), null, s.webhookSecret(), 300)).block();
    }

}
