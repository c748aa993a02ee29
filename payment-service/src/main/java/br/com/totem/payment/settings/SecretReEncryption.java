package br.com.totem.payment.settings;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.platform.data.Binds;
import reactor.core.publisher.Mono;

/**
 * Brings every secret of {@code provider_settings} under the active key: clear values (rows written
 * before the secrets were encrypted, or by an operator's {@code UPDATE}) are encrypted, values under
 * an older key of {@code TOTEM_PAYMENT_SECRET_KEYS} re-encrypted. Run at start-up and then every
 * {@code totem.payment.secrets.re-encrypt-interval} on one instance ({@code PaymentJobs}), so an
 * existing deployment upgrades in place and a rotated key can be removed once its values are gone
 * (the log says how many rows each pass rewrote).
 *
 * <p>A row is rewritten only if its secrets are still what was read (compare-and-set), so a
 * concurrent change is never overwritten with an older value. A value that does not decrypt is
 * left as it is and logged: rewriting it would lose it for good.
 */
@Service
public class SecretReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReEncryption.class);

    private final DatabaseClient db;
    private final SecretCipher cipher;

    public SecretReEncryption(DatabaseClient db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    private record Stored(String tenant, List<String> values) {
    }

    /** One pass over every tenant; emits how many rows were rewritten. */
    public Mono<Long> runOnce() {
        String columns = String.join(", ", TenantSettingsStore.SECRET_COLUMNS);
        return db.sql("select tenant_id, " + columns + " from provider_settings order by tenant_id")
                .map(r -> {
                    List<String> values = new ArrayList<>();
                    for (String c : TenantSettingsStore.SECRET_COLUMNS) {
                        values.add(r.get(c, String.class));
                    }
                    return new Stored(r.get("tenant_id", String.class), values);
                })
                .all()
                .filter(row -> row.values().stream().anyMatch(cipher::needsReEncryption))
                .concatMap(this::rewrite)
                .filter(Boolean::booleanValue)
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("provider secrets of {} tenant(s) rewritten under key {}", n, cipher.activeKeyId());
                    }
                });
    }

    private Mono<Boolean> rewrite(Stored row) {
        List<String> rewritten = new ArrayList<>();
        try {
            for (int i = 0; i < row.values().size(); i++) {
                String value = row.values().get(i);
                String column = TenantSettingsStore.SECRET_COLUMNS.get(i);
                rewritten.add(cipher.needsReEncryption(value) ? cipher.reEncrypt(value, row.tenant(), column) : value);
            }
        } catch (SecretCipher.UnreadableSecret e) {
            log.error("provider secrets of tenant {} not re-encrypted: {}", row.tenant(), e.getMessage());
            return Mono.just(false);
        }
        StringBuilder sql = new StringBuilder("update provider_settings set ");
        StringBuilder where = new StringBuilder(" where tenant_id = :tenant");
        List<String> columns = TenantSettingsStore.SECRET_COLUMNS;
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = :new").append(i);
            where.append(" and ").append(columns.get(i)).append(" is not distinct from :old").append(i);
        }
        var spec = db.sql(sql.append(", updated_at = now()").append(where).toString()).bind("tenant", row.tenant());
        for (int i = 0; i < columns.size(); i++) {
            spec = Binds.nullable(spec, "new" + i, rewritten.get(i), String.class);
            spec = Binds.nullable(spec, "old" + i, row.values().get(i), String.class);
        }
        return spec.fetch().rowsUpdated().map(n -> n > 0)
                .doOnNext(done -> {
                    if (done) {
                        log.info("provider secrets of tenant {} now under key {}", row.tenant(), cipher.activeKeyId());
                    }
                });
    }
}
