package br.com.totem.payment.charge.store;

import java.time.Instant;
import java.util.UUID;

import br.com.totem.payment.charge.domain.ChargeStatus;

/** A row of {@code charges}. */
public record Charge(UUID id, String tenant, UUID ticketId, String txid, String provider, String method, long amountCents,
                     ChargeStatus status, String pixCopiaECola, String location, Instant expiresAt, String endToEndId,
                     Long paidCents, String flag, Instant createdAt, Instant confirmedAt) {
}
