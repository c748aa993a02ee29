package br.com.totem.contracts;

/** Events about one payment; the envelope's {@code subject} is the payment id. */
public sealed interface PaymentEvent extends EventPayload
    permits PaymentLinkCreated, PaymentConfirmed, PaymentExpired, PaymentRefunded {
}
