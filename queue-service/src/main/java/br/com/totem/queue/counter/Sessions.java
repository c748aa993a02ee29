package br.com.totem.queue.counter;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.queue.counter.domain.OperatorSession;
import br.com.totem.queue.counter.store.SessionStore;
import br.com.totem.queue.station.Station;
import br.com.totem.queue.station.Stations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Operators open a session at a station for some of its services; one open session per station. */
@Service
public class Sessions {

    private final SessionStore store;
    private final Stations stations;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public Sessions(SessionStore store, Stations stations, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.stations = stations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<OperatorSession> open(Caller caller, UUID stationId, List<UUID> serviceIds) {
        List<UUID> requested = serviceIds == null ? List.of() : serviceIds.stream().distinct().toList();
        return stations.get(caller, stationId).flatMap(station -> {
            check(station, requested);
            UUID id = UUID.randomUUID();
            return tx.transactional(store.open(id, caller.tenant(), stationId, caller.subject(), caller.name(), requested)
                            .then(audit.record(caller, "session.open", "station", stationId.toString(),
                                    Map.of("sessionId", id.toString(), "serviceIds", requested.stream().map(UUID::toString).toList())))
                            .then(store.byId(caller.tenant(), id)))
                    .onErrorMap(DuplicateKeyException.class, e -> CounterProblems.stationBusy(station.name()));
        });
    }

    private static void check(Station station, List<UUID> requested) {
        if (!station.active()) {
            throw CounterProblems.stationInactive(station.name());
        }
        if (!requested.stream().allMatch(station::serves)) {
            throw CounterProblems.serviceNotAtStation(station.name());
        }
    }

    public Mono<OperatorSession> close(Caller caller, UUID sessionId) {
        return store.byId(caller.tenant(), sessionId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Session " + sessionId)))
                .flatMap(session -> {
                    Counter.checkOwner(caller, session);
                    return tx.transactional(store.close(sessionId, clock.instant())
                            .flatMap(closed -> closed
                                    ? audit.record(caller, "session.close", "station", session.stationId().toString(),
                                            Map.of("sessionId", sessionId.toString()))
                                    : Mono.empty())
                            .then(store.byId(caller.tenant(), sessionId)));
                });
    }

    public Flux<OperatorSession> open(Caller caller) {
        return store.open(caller.tenant());
    }

    public Mono<OperatorSession> get(Caller caller, UUID id) {
        return store.byId(caller.tenant(), id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Session " + id)));
    }
}
