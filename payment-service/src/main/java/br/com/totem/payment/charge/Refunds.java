package br.com.totem.payment.charge;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the charge feature needs of refunds, owned here and implemented by the refund feature, so
 * that {@code refund} depends on {@code charge} and never the other way round. The requests run
 * inside the caller's transaction: they only write rows, the PSP is asked afterwards.
 */
public interface Refunds {

    /** A refund as managers see it, in a payment's list and as the answer to a refund request. */
    record Refund(String id, UUID paymentId, long amountCents, String status) {
    }

    /** Full refund of a cancelled ticket's Pix. Empty when nothing is left to refund. */
    Mono<String> requestForCancellation(String tenant, UUID ticketId, String cancelledBy);

    /** Full refund of a Pix that paid a ticket which had already expired. Empty when nothing was paid. */
    Mono<String> requestForExpiry(String tenant, UUID ticketId);

    /** A payment's refunds, oldest first. */
    Flux<Refund> ofPayment(String tenant, UUID paymentId);
}
