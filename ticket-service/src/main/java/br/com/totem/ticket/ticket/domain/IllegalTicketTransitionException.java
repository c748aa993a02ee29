package br.com.totem.ticket.ticket.domain;

import br.com.totem.contracts.TicketStatus;

/** The ticket's state does not allow the action (docs/architecture.md, "Ticket states"). */
public class IllegalTicketTransitionException extends RuntimeException {

    private final TicketStatus from;
    private final TicketAction action;

    public IllegalTicketTransitionException(TicketStatus from, TicketAction action) {
        super(action + " is not allowed for a ticket in " + from);
        this.from = from;
        this.action = action;
    }

    public TicketStatus from() {
        return from;
    }

    public TicketAction action() {
        return action;
    }
}
