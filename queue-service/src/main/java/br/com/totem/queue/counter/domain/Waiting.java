package br.com.totem.queue.counter.domain;

import java.time.Instant;
import java.util.UUID;

/** A waiting ticket as ordering sees it. */
public record Waiting(UUID ticketId, UUID serviceId, boolean preferential, Instant paidAt) {
}
