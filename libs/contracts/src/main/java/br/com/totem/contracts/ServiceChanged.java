package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A manager added, edited or deactivated a service of the catalog. Carries the whole service as
 * it is now (a consumer keeps the latest by {@code changedAt}), so queue-service knows every
 * line an operator may transfer a ticket to, even one that never sold a ticket.
 */
public record ServiceChanged(
    UUID serviceId,
    String name,
    String prefix,
    String color,
    int durationMinutes,
    boolean active,
    Instant changedAt) implements CatalogEvent {

    public ServiceChanged {
        requireNonNull(serviceId, "serviceId");
        requireNonNull(name, "name");
        requireNonNull(prefix, "prefix");
        requireNonNull(color, "color");
        if (durationMinutes <= 0) {
            throw new IllegalArgumentException("durationMinutes must be positive");
        }
        requireNonNull(changedAt, "changedAt");
    }
}
