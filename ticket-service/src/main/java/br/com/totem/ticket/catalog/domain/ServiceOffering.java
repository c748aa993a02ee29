package br.com.totem.ticket.catalog.domain;

import java.util.UUID;

/**
 * What a tenant sells at the kiosk ("Banheira de Gelo", R$ 60,00, 15 min, prefix G).
 *
 * @param prefix        1–3 upper-case letters, unique per tenant; starts every queue number of this service
 * @param displayOrder  position on the kiosk screen, lowest first
 */
public record ServiceOffering(UUID id, String tenant, String name, String description, long priceCents,
                              int durationMinutes, String prefix, String color, boolean active, int displayOrder) {
}
