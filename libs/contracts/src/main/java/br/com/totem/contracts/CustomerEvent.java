package br.com.totem.contracts;

/** Events about a customer (the data subject); the envelope's {@code subject} is the customer id. */
public sealed interface CustomerEvent extends EventPayload permits CustomerAnonymised {
}
