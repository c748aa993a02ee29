package br.com.totem.ticket.catalog.web;

import java.util.UUID;

import br.com.totem.ticket.catalog.domain.ServiceOffering;

public record ServiceView(UUID id, String name, String description, long priceCents, int durationMinutes,
                          String prefix, String color, boolean active, int displayOrder) {

    static ServiceView of(ServiceOffering s) {
        return new ServiceView(s.id(), s.name(), s.description(), s.priceCents(), s.durationMinutes(), s.prefix(),
                s.color(), s.active(), s.displayOrder());
    }
}
