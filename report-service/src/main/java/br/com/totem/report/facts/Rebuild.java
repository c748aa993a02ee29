package br.com.totem.report.facts;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.data.AfterCommit;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.report.dashboard.DashboardCache;
import br.com.totem.report.facts.store.FactStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds a tenant's read model by replaying its event log: the rows are deleted and every logged
 * event folded again, in one transaction (readers see the old figures until it commits). The folds
 * do not depend on order, so the log is read in pages of {@value #PAGE} by time.
 */
@Service
public class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    static final int PAGE = 500;

    private record Logged(UUID id, OffsetDateTime time, String envelope) {
    }

    private final FactStore facts;
    private final Folding folding;
    private final EventCodec codec;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final DashboardCache dashboards;

    Rebuild(FactStore facts, Folding folding, EventCodec codec, DatabaseClient db, TransactionalOperator tx,
            DashboardCache dashboards) {
        this.facts = facts;
        this.folding = folding;
        this.codec = codec;
        this.db = db;
        this.tx = tx;
        this.dashboards = dashboards;
    }

    /** Completes with the number of events replayed. */
    public Mono<Long> tenant(String tenant) {
        Mono<Long> replay = facts.clear(tenant).then(replayFrom(tenant, null));
        return tx.transactional(replay.flatMap(n -> AfterCommit.run(() -> dashboards.invalidate(tenant)).thenReturn(n)))
                .doOnNext(n -> log.info("read model of {} rebuilt from {} logged events", tenant, n));
    }

    /** One page folded, then the next read: one statement at a time on the transaction's connection. */
    private Mono<Long> replayFrom(String tenant, Logged after) {
        return page(tenant, after).flatMap(p -> Flux.fromIterable(p).concatMap(this::fold)
                .then(p.size() < PAGE ? Mono.just((long) p.size())
                        : replayFrom(tenant, p.getLast()).map(n -> n + p.size())));
    }

    private Mono<Void> fold(Logged logged) {
        return codec.decode(logged.envelope().getBytes(StandardCharsets.UTF_8))
                .map(e -> folding.fold(e, false))
                .orElseGet(() -> {
                    log.warn("logged event {} is of a type this build does not know; skipped", logged.id());
                    return Mono.empty();
                });
    }

    private Mono<List<Logged>> page(String tenant, Logged after) {
        var spec = after == null
                ? db.sql("select event_id, time, envelope from event_log where tenant_id = :tenant order by time, event_id limit "
                        + PAGE)
                : db.sql("""
                        select event_id, time, envelope from event_log where tenant_id = :tenant and (time, event_id) > (:time, :id)
                        order by time, event_id limit\s""" + PAGE).bind("time", after.time()).bind("id", after.id());
        return spec.bind("tenant", tenant)
                .map(row -> new Logged(row.get("event_id", UUID.class), row.get("time", OffsetDateTime.class),
                        row.get("envelope", String.class)))
                .all().collectList();
    }
}
