package br.com.totem.payment.settings;

import java.util.Arrays;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.platform.data.Binds;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes {@code provider_settings}; `./totem seed` writes the demo rows with psql. */
@Component
public class TenantSettingsStore {

    private static final String COLUMNS = """
            tenant_id, pix_key, merchant_name, merchant_city, providers, provider_name, api_base_url, token_url,
            client_id, client_secret, scopes, tls_client_cert, tls_client_key, tls_keystore, tls_keystore_password,
            tls_trust_certs, webhook_url, webhook_secret, charge_expiry_seconds""";

    private final DatabaseClient db;

    public TenantSettingsStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<TenantSettings> find(String tenant) {
        return db.sql("select " + COLUMNS + " from provider_settings where tenant_id = :t").bind("t", tenant)
                .map(TenantSettingsStore::read).one();
    }

    public Flux<TenantSettings> all() {
        return db.sql("select " + COLUMNS + " from provider_settings order by tenant_id").map(TenantSettingsStore::read).all();
    }

    /** Inserts or replaces a tenant's settings (tests, and a future settings API). */
    public Mono<Void> save(TenantSettings s) {
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
