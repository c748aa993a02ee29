package br.com.totem.queue.station;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.security.Caller;
import br.com.totem.queue.station.store.StationStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stations of a tenant; every change audited in its transaction. */
@Service
public class Stations {

    static final String NAME_TAKEN = ProblemTypes.BASE + "station-name-taken";

    private final StationStore store;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    public Stations(StationStore store, AuditLog audit, TransactionalOperator tx) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
    }

    public Flux<Station> all(Caller caller) {
        return store.all(caller.tenant());
    }

    public Mono<Station> get(Caller caller, UUID id) {
        return get(caller.tenant(), id);
    }

    public Mono<Station> get(String tenant, UUID id) {
        return store.byId(tenant, id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Station " + id)));
    }

    public Mono<Station> create(Caller caller, String name, List<UUID> serviceIds) {
        Station station = new Station(UUID.randomUUID(), caller.tenant(), name.trim(), distinct(serviceIds), true);
        return tx.transactional(store.insert(station).flatMap(inserted -> inserted
                ? audit.record(caller, "station.create", "station", station.id().toString(), details(station)).thenReturn(station)
                : Mono.error(nameTaken(station.name()))));
    }

    public Mono<Station> update(Caller caller, UUID id, String name, List<UUID> serviceIds, Boolean active) {
        return get(caller, id).flatMap(current -> {
            Station next = new Station(id, current.tenant(), name == null ? current.name() : name.trim(),
                    serviceIds == null ? current.serviceIds() : distinct(serviceIds),
                    active == null ? current.active() : active);
            return tx.transactional(store.update(next)
                    .then(audit.record(caller, "station.update", "station", id.toString(), details(next)))
                    .thenReturn(next));
        }).onErrorMap(DuplicateKeyException.class, e -> nameTaken(name));
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().distinct().toList();
    }

    private static Map<String, Object> details(Station s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("serviceIds", s.serviceIds().stream().map(UUID::toString).toList());
        m.put("active", s.active());
        return m;
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, NAME_TAKEN, "Station name taken", "Já existe uma estação " + name);
    }
}
