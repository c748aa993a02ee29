package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** The Pix charge expired unpaid. */
public record PaymentExpired(
    UUID paymentId,
    UUID ticketId,
    String txid,
    Instant expiredAt) implements PaymentEvent {

    public PaymentExpired {
        requireNonNull(paymentId, "paymentId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(txid, "txid");
        requireNonNull(expiredAt, "expiredAt");
    }
}
