package br.com.totem.queue.counter.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An operator working at a station for some services (none listed: every service of the station). */
public record OperatorSession(UUID id, String tenant, UUID stationId, String stationName, List<UUID> stationServiceIds,
                              String operatorId, String operatorName, List<UUID> serviceIds, Instant openedAt,
                              Instant closedAt) {

    public OperatorSession {
        stationServiceIds = List.copyOf(stationServiceIds);
        serviceIds = List.copyOf(serviceIds);
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    /** The services this session calls for; empty means every service. */
    public List<UUID> effectiveServiceIds() {
        return serviceIds.isEmpty() ? stationServiceIds : serviceIds;
    }

    public boolean serves(UUID serviceId) {
        List<UUID> ids = effectiveServiceIds();
        return ids.isEmpty() || ids.contains(serviceId);
    }
}
