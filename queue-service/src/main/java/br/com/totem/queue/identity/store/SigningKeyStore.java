package br.com.totem.queue.identity.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class SigningKeyStore {

    /** Serialises key creation across instances (pg_advisory_xact_lock). */
    private static final long KEY_LOCK = 0x746f74656d4b6579L; // "totemKey"

    private final DatabaseClient db;

    public SigningKeyStore(DatabaseClient db) {
        this.db = db;
    }

    public record Row(String kid, String publicJwk, byte[] privateKeyEnc, byte[] salt, byte[] iv, Instant createdAt,
                      Instant retiredAt, Instant expiresAt) {
    }

    /** Keys still in the JWKS, newest first. */
    public Flux<Row> unexpired(Instant now) {
        return db.sql("""
                        select kid, public_jwk, private_key_enc, kdf_salt, iv, created_at, retired_at, expires_at
                        from signing_key where expires_at is null or expires_at > :now order by created_at desc, kid""")
                .bind("now", at(now))
                .map(SigningKeyStore::row).all();
    }

    public Mono<Void> lock() {
        return db.sql("select pg_advisory_xact_lock(:k)").bind("k", KEY_LOCK).then();
    }

    public Mono<Void> insert(String kid, String publicJwk, byte[] enc, byte[] salt, byte[] iv, Instant now) {
        return db.sql("""
                        insert into signing_key (kid, public_jwk, private_key_enc, kdf_salt, iv, created_at)
                        values (:kid, :jwk, :enc, :salt, :iv, :now)""")
                .bind("kid", kid).bind("jwk", publicJwk).bind("enc", enc).bind("salt", salt).bind("iv", iv)
                .bind("now", at(now)).then();
    }

    /** Every signing key but {@code keep} stops signing now and leaves the JWKS at {@code expiresAt}. */
    public Mono<Long> retireAllBut(String keep, Instant now, Instant expiresAt) {
        return db.sql("update signing_key set retired_at = :now, expires_at = :exp where retired_at is null and kid <> :kid")
                .bind("now", at(now)).bind("exp", at(expiresAt)).bind("kid", keep)
                .fetch().rowsUpdated();
    }

    private static Row row(Readable r) {
        return new Row(r.get("kid", String.class), r.get("public_jwk", String.class), bytes(r, "private_key_enc"),
                bytes(r, "kdf_salt"), bytes(r, "iv"), instant(r, "created_at"), instant(r, "retired_at"),
                instant(r, "expires_at"));
    }

    private static byte[] bytes(Readable r, String column) {
        java.nio.ByteBuffer b = r.get(column, java.nio.ByteBuffer.class);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
