package br.com.totem.contracts;

/** Events about the catalog; the envelope's {@code subject} is the service id. */
public sealed interface CatalogEvent extends EventPayload permits ServiceChanged {
}
