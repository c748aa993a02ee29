package br.com.totem.payment.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.payment.support.PaymentIT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers' secrets at rest (issue 12 item 11): written through {@link TenantSettingsStore}
 * and read back with SQL, bound to their tenant and column, legacy clear rows and values under an
 * older key brought under the active key by {@link SecretReEncryption}, and a tenant's payments
 * working throughout against the sandbox bank.
 */
class ProviderSecretsIT extends PaymentIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SecretCipher cipher;
    @Autowired
    SecretReEncryption reEncryption;
    @Value("${totem.payment.secrets.keys}")
    String keys;

    private Map<String, Object> raw(String tenant) {
        return db.sql("select client_secret, tls_keystore_password, webhook_secret from provider_settings where tenant_id = :t")
                .bind("t", tenant).fetch().one().block(Duration.ofSeconds(10));
    }

    /** A Pix link for a new ticket, paid at the sandbox bank and confirmed through our webhook. */
    private void paysEndToEnd() {
        UUID ticketId = ticket(6000);
        byte[] body = link(ticketId).expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String txid = JSON.readTree(body).path("txid").asString();
        sandbox.control().post().uri("/sandbox/cob/{txid}/pay", txid).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                "CONFIRMED".equals(one("select status from charges where ticket_id = '" + ticketId + "'")));
    }

    @Test
    void whenSettingsAreSavedThenNoSecretIsStoredInClearAndEachDecryptsBack() {
        TenantSettings withKeystore = new TenantSettings(tenant, settings.pixKey(), settings.merchantName(), settings.merchantCity(),
                settings.providers(), settings.providerName(), settings.apiBaseUrl(), settings.tokenUrl(), settings.clientId(),
                settings.clientSecret(), settings.scopes(), null, null, null, "keystore-password-" + tenant, null,
                settings.webhookUrl(), settings.webhookSecret(), settings.chargeExpirySeconds());
        settingsStore.save(withKeystore).block(Duration.ofSeconds(10));

        Map<String, Object> row = raw(tenant);
        Map<String, String> clear = Map.of("client_secret", settings.clientSecret(),
                "tls_keystore_password", "keystore-password-" + tenant, "webhook_secret", settings.webhookSecret());
        clear.forEach((column, value) -> {
            String stored = (String) row.get(column);
            assertThat(stored).as(column).startsWith(cipher.activeKeyId() + ":").doesNotContain(value);
            assertThat(cipher.decrypt(stored, tenant, column)).as(column).isEqualTo(value);
        });
        // nothing else in the row holds a secret in clear either
        String wholeRow = one("select row_to_json(p)::text from provider_settings p where tenant_id = '" + tenant + "'");
        clear.values().forEach(v -> assertThat(wholeRow).doesNotContain(v));

        TenantSettings read = settingsStore.find(tenant).block(Duration.ofSeconds(10));
        assertThat(read.clientSecret()).isEqualTo(settings.clientSecret());
        assertThat(read.tlsKeystorePassword()).isEqualTo("keystore-password-" + tenant);
        assertThat(read.webhookSecret()).isEqualTo(settings.webhookSecret());
        assertThat(read.toString()).doesNotContain(settings.clientSecret());

        paysEndToEnd(); // OAuth with the client secret, the webhook registered with its secret and checked on each call
    }

    @Test
    void whenACiphertextIsMovedToAnotherTenantThenItDoesNotDecryptAndNoChargeIsMade() {
        String other = "o" + UUID.randomUUID().toString().substring(0, 8);
        settingsStore.save(settingsFor(other, sandbox.apiUrl(), sandbox.tokenUrl(), null, null, null)).block(Duration.ofSeconds(10));
        // someone with write access to the table gives this tenant the other's client secret
        db.sql("update provider_settings set client_secret = (select client_secret from provider_settings where tenant_id = :o) "
                        + "where tenant_id = :t").bind("o", other).bind("t", tenant).then().block(Duration.ofSeconds(10));

        assertThatThrownBy(() -> settingsStore.find(tenant).block(Duration.ofSeconds(10)))
                .isInstanceOf(SecretCipher.UnreadableSecret.class)
                .hasMessageContaining("client_secret of tenant " + tenant)
                .hasMessageContaining("failed authentication");
        assertThat(settingsStore.all().map(TenantSettings::tenantId).collectList().block(Duration.ofSeconds(10)))
                .contains(other).doesNotContain(tenant);

        UUID ticketId = ticket(6000);
        link(ticketId).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/payment-not-configured");
        assertThat(count("select count(*) from charges where ticket_id = '" + ticketId + "'")).isZero();
        // and the pass that re-encrypts leaves it as it is: it cannot be opened, so it is not rewritten
        String moved = (String) raw(tenant).get("client_secret");
        reEncryption.runOnce().block(Duration.ofSeconds(10));
        assertThat(raw(tenant).get("client_secret")).isEqualTo(moved);
    }

    @Test
    void whenACiphertextIsMovedToAnotherColumnThenItAuthenticatesNothing() {
        // the client secret's ciphertext put in place of the webhook secret's: not a webhook secret of anyone
        db.sql("update provider_settings set webhook_secret = client_secret where tenant_id = :t").bind("t", tenant)
                .then().block(Duration.ofSeconds(10));
        for (String presented : new String[] {settings.clientSecret(), settings.webhookSecret()}) {
            http.post().uri("/api/v1/payments/webhook/pix?tenant={t}", tenant).header("X-Webhook-Secret", presented)
                    .bodyValue("{}").exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void whenARowHoldsClearSecretsFromBeforeEncryptionThenTheyAreReadAndReEncryptedUnderTheActiveKey() {
        // a row as an older version (or an operator's UPDATE) wrote it
        db.sql("update provider_settings set client_secret = :c, tls_keystore_password = null, webhook_secret = :w where tenant_id = :t")
                .bind("c", settings.clientSecret()).bind("w", settings.webhookSecret()).bind("t", tenant)
                .then().block(Duration.ofSeconds(10));
        assertThat(settingsStore.find(tenant).block(Duration.ofSeconds(10)).webhookSecret()).isEqualTo(settings.webhookSecret());

        reEncryption.runOnce().block(Duration.ofSeconds(10)); // (or the background job's pass, if it came first)

        Map<String, Object> row = raw(tenant);
        assertThat((String) row.get("client_secret")).startsWith(cipher.activeKeyId() + ":");
        assertThat(cipher.decrypt((String) row.get("client_secret"), tenant, "client_secret")).isEqualTo(settings.clientSecret());
        assertThat((String) row.get("webhook_secret")).startsWith(cipher.activeKeyId() + ":");
        assertThat(cipher.decrypt((String) row.get("webhook_secret"), tenant, "webhook_secret")).isEqualTo(settings.webhookSecret());
        assertThat(row.get("tls_keystore_password")).isNull();
        // a second pass has nothing left to do for this tenant
        reEncryption.runOnce().block(Duration.ofSeconds(10));
        assertThat(raw(tenant)).isEqualTo(row);

        paysEndToEnd();
    }

    @Test
    void whenSecretsAreUnderAnOlderKeyThenTheyStillDecryptAndAreReEncryptedUnderTheActiveKey() {
        SecretCipher old = SecretCipher.fromConfig(keys, "old");
        assertThat(old.activeKeyId()).isNotEqualTo(cipher.activeKeyId());
        db.sql("update provider_settings set client_secret = :c, webhook_secret = :w where tenant_id = :t")
                .bind("c", old.encrypt(settings.clientSecret(), tenant, "client_secret"))
                .bind("w", old.encrypt(settings.webhookSecret(), tenant, "webhook_secret")).bind("t", tenant)
                .then().block(Duration.ofSeconds(10));
        assertThat((String) raw(tenant).get("webhook_secret")).startsWith("old:");
        assertThat(settingsStore.find(tenant).block(Duration.ofSeconds(10)).clientSecret()).isEqualTo(settings.clientSecret());

        reEncryption.runOnce().block(Duration.ofSeconds(10));

        Map<String, Object> row = raw(tenant);
        assertThat((String) row.get("client_secret")).startsWith(cipher.activeKeyId() + ":");
        assertThat((String) row.get("webhook_secret")).startsWith(cipher.activeKeyId() + ":");
        assertThat(cipher.decrypt((String) row.get("webhook_secret"), tenant, "webhook_secret")).isEqualTo(settings.webhookSecret());
        paysEndToEnd();
    }
}
