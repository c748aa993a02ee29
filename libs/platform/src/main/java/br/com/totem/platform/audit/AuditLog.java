package br.com.totem.platform.audit;

import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.platform.data.Binds;
import br.com.totem.platform.security.Caller;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who did what, when: one row per staff action or money movement, written in the same
 * transaction as the action so neither exists without the other. Details must never hold
 * personal data in clear (mask a CPF before passing it).
 */
public class AuditLog {

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditLog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> record(Caller actor, String action, String targetType, String targetId, Map<String, ?> details) {
        return record(actor.tenant(), actor.subject(), action, targetType, targetId, details);
    }

    public Mono<Void> record(String tenant, String actor, String action, String targetType, String targetId,
                             Map<String, ?> details) {
        var spec = db.sql("""
                        insert into audit_log (tenant_id, actor, action, target_type, target_id, details)
                        values (:tenant, :actor, :action, :targetType, :targetId, :details)""")
                .bind("tenant", tenant)
                .bind("actor", actor)
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("details", Json.of(json.writeValueAsBytes(details == null ? Map.of() : details)));
        spec = Binds.nullable(spec, "targetId", targetId, String.class);
        return spec.then();
    }

    public record Entry(long id, String tenant, String actor, String action, String targetType, String targetId,
                        String details, java.time.OffsetDateTime at) {
    }

    /** The tenant's entries for one target, oldest first (for tests and the manager's audit view). */
    public Flux<Entry> entries(String tenant, String targetType, String targetId) {
        return db.sql("""
                        select id, tenant_id, actor, action, target_type, target_id, details::text as details, at
                        from audit_log where tenant_id = :tenant and target_type = :type and target_id = :id order by id""")
                .bind("tenant", tenant).bind("type", targetType).bind("id", targetId)
                .map(r -> new Entry(r.get("id", Long.class), r.get("tenant_id", String.class), r.get("actor", String.class),
                        r.get("action", String.class), r.get("target_type", String.class), r.get("target_id", String.class),
                        r.get("details", String.class), r.get("at", java.time.OffsetDateTime.class)))
                .all();
    }
}
