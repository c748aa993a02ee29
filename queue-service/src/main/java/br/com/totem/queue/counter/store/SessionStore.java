package br.com.totem.queue.counter.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.counter.domain.OperatorSession;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class SessionStore {

    private static final String SELECT = """
            select s.id, s.tenant_id, s.station_id, st.name as station_name, st.service_ids as station_service_ids,
                   s.operator_id, s.operator_name, s.service_ids, s.opened_at, s.closed_at
            from operator_session s join station st on st.id = s.station_id""";

    private final DatabaseClient db;

    public SessionStore(DatabaseClient db) {
        this.db = db;
    }

    /** Fails with DuplicateKeyException when the station already has an open session. */
    public Mono<Void> open(UUID id, String tenant, UUID stationId, String operatorId, String operatorName, List<UUID> serviceIds) {
        var spec = db.sql("""
                        insert into operator_session (id, tenant_id, station_id, operator_id, operator_name, service_ids)
                        values (:id, :t, :st, :op, :on, :s)""")
                .bind("id", id).bind("t", tenant).bind("st", stationId).bind("op", operatorId)
                .bind("s", serviceIds.toArray(UUID[]::new));
        spec = Binds.nullable(spec, "on", operatorName, String.class);
        return spec.then();
    }

    public Mono<OperatorSession> byId(String tenant, UUID id) {
        return db.sql(SELECT + " where s.tenant_id = :t and s.id = :id").bind("t", tenant).bind("id", id)
                .map(SessionStore::row).one();
    }

    /** The session, its row locked until the transaction ends (call-next: one call at a time per session). */
    public Mono<OperatorSession> lockById(String tenant, UUID id) {
        return db.sql(SELECT + " where s.tenant_id = :t and s.id = :id for update of s").bind("t", tenant).bind("id", id)
                .map(SessionStore::row).one();
    }

    public Flux<OperatorSession> open(String tenant) {
        return db.sql(SELECT + " where s.tenant_id = :t and s.closed_at is null order by st.name").bind("t", tenant)
                .map(SessionStore::row).all();
    }

    public Mono<Boolean> close(UUID id, Instant now) {
        return db.sql("update operator_session set closed_at = :now where id = :id and closed_at is null")
                .bind("id", id).bind("now", QueueStore.at(now)).fetch().rowsUpdated().map(n -> n == 1);
    }

    private static OperatorSession row(Readable r) {
        return new OperatorSession(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("station_id", UUID.class),
                r.get("station_name", String.class), ids(r, "station_service_ids"), r.get("operator_id", String.class),
                r.get("operator_name", String.class), ids(r, "service_ids"), QueueStore.instant(r, "opened_at"),
                QueueStore.instant(r, "closed_at"));
    }

    private static List<UUID> ids(Readable r, String column) {
        UUID[] ids = r.get(column, UUID[].class);
        return ids == null ? List.of() : Arrays.asList(ids);
    }
}
