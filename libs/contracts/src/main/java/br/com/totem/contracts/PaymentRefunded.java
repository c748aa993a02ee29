package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A refund reached a final outcome. Emitted for NAO_REALIZADO too, so a failed refund
 * shows up in reports instead of disappearing.
 *
 * @param refundId the devolução id we chose in {@code PUT /pix/{e2eid}/devolucao/{id}}
 */
public record PaymentRefunded(
    UUID paymentId,
    UUID ticketId,
    String refundId,
    long amountCents,
    RefundStatus status,
    Instant refundedAt) implements PaymentEvent {

    public PaymentRefunded {
        requireNonNull(paymentId, "paymentId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(refundId, "refundId");
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        requireNonNull(status, "status");
        requireNonNull(refundedAt, "refundedAt");
    }
}
