package br.com.totem.payment.settings;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.platform.data.Binds;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes {@code provider_settings}; `./totem seed` writes the demo rows with psql, their
 * secrets sealed by the same cipher ({@code SealSecrets}).
 *
 * <p>The secret columns ({@link #SECRET_COLUMNS}) hold AES-256-GCM ciphertexts bound to the tenant
 * and the column ({@link SecretCipher}): written encrypted, decrypted on every read. A clear value
 * (a row from before encryption, an operator's UPDATE) is read as it is until
 * {@link SecretReEncryption} rewrites it, within one of its intervals. A value that does not
 * decrypt — a ciphertext moved from another tenant or column, a key no longer configured — makes
 * {@link #find} fail with {@link SecretCipher.UnreadableSecret}: its tenant takes no payment
 * with a wrong secret; {@link #all} leaves that tenant out, with an error in the log.
 */
@Component
public class TenantSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(TenantSettingsStore.class);

    public static final String CLIENT_SECRET = "client_secret";
    public static final String TLS_KEYSTORE_PASSWORD = "tls_keystore_password";
    public static final String WEBHOOK_SECRET = "webhook_secret";
    /** The columns encrypted at rest. */
    public static final List<String> SECRET_COLUMNS = List.of(CLIENT_SECRET, TLS_KEYSTORE_PASSWORD, WEBHOOK_SECRET);

    private static final String COLUMNS = """
            tenant_id, pix_key, merchant_name, merchant_city, providers, provider_name, api_base_url, token_url,
            client_id, client_secret, scopes, tls_client_cert, tls_client_key, tls_keystore, tls_keystore_password,
            tls_trust_certs, webhook_url, webhook_secret, charge_expiry_seconds""";

    private final DatabaseClient db;
    private final SecretCipher cipher;

    public TenantSettingsStore(DatabaseClient db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /**
     * The tenant's settings with its secrets decrypted.
     *
     * @return empty when the tenant has none; an {@link SecretCipher.UnreadableSecret} error when a
     *         secret does not decrypt
     */
    public Mono<TenantSettings> find(String tenant) {
        return db.sql("select " + COLUMNS + " from provider_settings where tenant_id = :t").bind("t", tenant)
                .map(TenantSettingsStore::read).one()
                .map(this::open)
                .doOnError(SecretCipher.UnreadableSecret.class,
                        e -> log.error("payment settings unusable: {}; its payments stop until the row is fixed", e.getMessage()));
    }

    /** Every tenant's settings, secrets decrypted; a tenant whose secret does not decrypt is left out (logged). */
    public Flux<TenantSettings> all() {
        return db.sql("select " + COLUMNS + " from provider_settings order by tenant_id").map(TenantSettingsStore::read).all()
                .handle((stored, sink) -> {
                    try {
                        sink.next(open(stored));
                    } catch (SecretCipher.UnreadableSecret e) {
                        log.error("payment settings unusable: {}; tenant left out", e.getMessage());
                    }
                });
    }

    /** Inserts or replaces a tenant's settings (tests, and a future settings API); its secrets are stored encrypted. */
    public Mono<Void> save(TenantSettings clear) {
        // the table's check (length ≥ 16) now sees the ciphertext: the clear secret is checked here
        if (clear.webhookSecret() == null || clear.webhookSecret().length() < 16) {
            return Mono.error(new IllegalArgumentException("the webhook secret of tenant " + clear.tenantId()
                    + " must have at least 16 characters"));
        }
        TenantSettings s = seal(clear);
        var spec = db.sql("insert into provider_settings (" + COLUMNS + ") values (:tenant_id, :pix_key, :merchant_name, "
                + ":merchant_city, :providers, :provider_name, :api_base_url, :token_url, :client_id, :client_secret, :scopes, "
                + ":tls_client_cert, :tls_client_key, :tls_keystore, :tls_keystore_password, :tls_trust_certs, :webhook_url, "
                + ":webhook_secret, :charge_expiry_seconds) on conflict (tenant_id) do update set "
                + Arrays.stream(COLUMNS.split(",")).map(String::trim).filter(c -> !c.equals("tenant_id"))
                        .map(c -> c + " = excluded." + c).reduce((a, b) -> a + ", " + b).orElseThrow()
                + ", updated_at = now()");
        spec = spec.bind("tenant_id", s.tenantId()).bind("pix_key", s.pixKey()).bind("merchant_name", s.merchantName())
                .bind("merchant_city", s.merchantCity())
                .bind("providers", String.join(",", s.providers().stream().map(Enum::name).toList()))
                .bind("provider_name", s.providerName()).bind("webhook_secret", s.webhookSecret())
                .bind("charge_expiry_seconds", s.chargeExpirySeconds());
        String[][] optional = {{"api_base_url", s.apiBaseUrl()}, {"token_url", s.tokenUrl()}, {"client_id", s.clientId()},
                {"client_secret", s.clientSecret()}, {"scopes", s.scopes()}, {"tls_client_cert", s.tlsClientCert()},
                {"tls_client_key", s.tlsClientKey()}, {"tls_keystore", s.tlsKeystore()},
                {"tls_keystore_password", s.tlsKeystorePassword()}, {"tls_trust_certs", s.tlsTrustCerts()},
                {"webhook_url", s.webhookUrl()}};
        for (String[] o : optional) {
            spec = Binds.nullable(spec, o[0], o[1], String.class);
        }
        return spec.then();
    }

    /** The settings as they are used: secrets decrypted (a legacy clear value as it is). */
    private TenantSettings open(TenantSettings stored) {
        String t = stored.tenantId();
        return withSecrets(stored, cipher.open(stored.clientSecret(), t, CLIENT_SECRET),
                cipher.open(stored.tlsKeystorePassword(), t, TLS_KEYSTORE_PASSWORD),
                cipher.open(stored.webhookSecret(), t, WEBHOOK_SECRET));
    }

    /** The settings as they are stored: secrets encrypted under the active key. */
    private TenantSettings seal(TenantSettings clear) {
        String t = clear.tenantId();
        return withSecrets(clear, encrypt(clear.clientSecret(), t, CLIENT_SECRET),
                encrypt(clear.tlsKeystorePassword(), t, TLS_KEYSTORE_PASSWORD), encrypt(clear.webhookSecret(), t, WEBHOOK_SECRET));
    }

    private String encrypt(String value, String tenant, String column) {
        return value == null ? null : cipher.encrypt(value, tenant, column);
    }

    private static TenantSettings withSecrets(TenantSettings s, String clientSecret, String keystorePassword, String webhookSecret) {
        return new TenantSettings(s.tenantId(), s.pixKey(), s.merchantName(), s.merchantCity(), s.providers(), s.providerName(),
                s.apiBaseUrl(), s.tokenUrl(), s.clientId(), clientSecret, s.scopes(), s.tlsClientCert(), s.tlsClientKey(),
                s.tlsKeystore(), keystorePassword, s.tlsTrustCerts(), s.webhookUrl(), webhookSecret, s.chargeExpirySeconds());
    }

    private static TenantSettings read(Readable r) {
        List<TenantSettings.ProviderKind> providers = Arrays.stream(r.get("providers", String.class).split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).map(TenantSettings.ProviderKind::valueOf).toList();
        return new TenantSettings(r.get("tenant_id", String.class), r.get("pix_key", String.class),
                r.get("merchant_name", String.class), r.get("merchant_city", String.class), providers,
                r.get("provider_name", String.class), r.get("api_base_url", String.class), r.get("token_url", String.class),
                r.get("client_id", String.class), r.get("client_secret", String.class), r.get("scopes", String.class),
                r.get("tls_client_cert", String.class), r.get("tls_client_key", String.class),
                r.get("tls_keystore", String.class), r.get("tls_keystore_password", String.class),
                r.get("tls_trust_certs", String.class), r.get("webhook_url", String.class),
                r.get("webhook_secret", String.class), r.get("charge_expiry_seconds", Integer.class));
    }
}
