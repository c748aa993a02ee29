package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The money arrived.
 *
 * @param txid       null for CASH and CARD, which never had a Pix charge
 * @param endToEndId the Pix E2E id; null for CASH and CARD
 */
public record PaymentConfirmed(
    UUID paymentId,
    UUID ticketId,
    String txid,
    String endToEndId,
    long amountCents,
    PaymentMethod method,
    Instant confirmedAt) implements PaymentEvent {

    public PaymentConfirmed {
        requireNonNull(paymentId, "paymentId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(method, "method");
        if (method == PaymentMethod.PIX) {
            requireNonNull(txid, "txid");
            requireNonNull(endToEndId, "endToEndId");
        }
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        requireNonNull(confirmedAt, "confirmedAt");
    }
}
