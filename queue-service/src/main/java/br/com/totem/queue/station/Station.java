package br.com.totem.queue.station;

import java.util.List;
import java.util.UUID;

/** A place where a customer is served ("Banheira 2"). No service ids: it serves every service. */
public record Station(UUID id, String tenant, String name, List<UUID> serviceIds, boolean active) {

    public Station {
        serviceIds = List.copyOf(serviceIds);
    }

    public boolean serves(UUID serviceId) {
        return serviceIds.isEmpty() || serviceIds.contains(serviceId);
    }
}
