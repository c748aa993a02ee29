package br.com.totem.contracts;

/** Events about one ticket; the envelope's {@code subject} is the ticket id. */
public sealed interface TicketEvent extends EventPayload
    permits TicketCreated, TicketPaid, TicketCancelled, TicketExpired,
        TicketCalled, TicketStarted, TicketCompleted, TicketNoShow, TicketTransferred {
}
