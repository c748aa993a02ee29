package br.com.totem.queue.identity.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

@Repository
public class RefreshTokenStore {

    public enum SubjectKind { USER, DEVICE }

    public record Row(UUID id, UUID familyId, String tenant, SubjectKind kind, String subjectId,
                      java.util.List<String> grantedRoles, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    private final DatabaseClient db;

    public RefreshTokenStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(UUID familyId, String tenant, SubjectKind kind, String subjectId, java.util.List<String> roles,
                             byte[] hash, Instant expiresAt) {
        return db.sql("""
                        insert into refresh_token (id, family_id, tenant_id, subject_kind, subject_id, granted_roles, token_hash, expires_at)
                        values (:id, :f, :t, :k, :s, :r, :h, :e)""")
                .bind("id", UUID.randomUUID()).bind("f", familyId).bind("t", tenant).bind("k", kind.name())
                .bind("r", roles.toArray(String[]::new))
                .bind("s", subjectId).bind("h", hash).bind("e", SigningKeyStore.at(expiresAt)).then();
    }

    /** Locked for this transaction: two refreshes racing with the same token cannot both rotate it. */
    public Mono<Row> lockByHash(byte[] hash) {
        return db.sql("""
                        select id, family_id, tenant_id, subject_kind, subject_id, granted_roles, expires_at, used_at, revoked_at
                        from refresh_token where token_hash = :h for update""")
                .bind("h", hash)
                .map(r -> new Row(r.get("id", UUID.class), r.get("family_id", UUID.class), r.get("tenant_id", String.class),
                        SubjectKind.valueOf(r.get("subject_kind", String.class)), r.get("subject_id", String.class),
                        java.util.Arrays.asList(r.get("granted_roles", String[].class)),
                        SigningKeyStore.instant(r, "expires_at"), SigningKeyStore.instant(r, "used_at"),
                        SigningKeyStore.instant(r, "revoked_at")))
                .one();
    }

    public Mono<Void> markUsed(UUID id, Instant now) {
        return db.sql("update refresh_token set used_at = :now where id = :id")
                .bind("id", id).bind("now", SigningKeyStore.at(now)).then();
    }

    public Mono<Long> revokeFamily(UUID familyId, Instant now) {
        return db.sql("update refresh_token set revoked_at = :now where family_id = :f and revoked_at is null")
                .bind("f", familyId).bind("now", SigningKeyStore.at(now)).fetch().rowsUpdated();
    }

    /** Every open login of a subject (password change, deactivation). */
    public Mono<Long> revokeSubject(String tenant, SubjectKind kind, String subjectId, Instant now) {
        return db.sql("update refresh_token set revoked_at = :now where tenant_id = :t and subject_kind = :k and subject_id = :s and revoked_at is null")
                .bind("t", tenant).bind("k", kind.name()).bind("s", subjectId).bind("now", SigningKeyStore.at(now))
                .fetch().rowsUpdated();
    }

    /** Those of {@code families} that were revoked (logout, reuse, deactivation, new credentials). */
    public reactor.core.publisher.Flux<UUID> revokedAmong(java.util.Collection<UUID> families) {
        if (families.isEmpty()) {
            return reactor.core.publisher.Flux.empty();
        }
        return db.sql("select distinct family_id from refresh_token where family_id = any(:f) and revoked_at is not null")
                .bind("f", families.toArray(UUID[]::new))
                .map(r -> r.get("family_id", UUID.class)).all();
    }

    /** Deletes refresh tokens that expired before the cutoff: nothing can use them, nothing needs them (issue 12 item 13). */
    public Mono<Long> prune(Instant cutoff) {
        return db.sql("delete from refresh_token where expires_at < :cut")
                .bind("cut", SigningKeyStore.at(cutoff)).fetch().rowsUpdated();
    }
}
