package br.com.totem.ticket.lifecycle.domain;

/** What can happen to a ticket; each is a request to move it to another state. */
public enum TicketAction {
    /** payment.confirmed */
    PAY,
    /** ticket.called, also sent for every recall */
    CALL,
    /** ticket.started */
    START,
    /** ticket.completed */
    COMPLETE,
    /** ticket.no_show */
    MARK_NO_SHOW,
    /** ticket.transferred: waiting again, in another service's line */
    TRANSFER,
    /** a manager cancels (refund when paid) */
    CANCEL,
    /** payment.expired, or the safety job for tickets pending too long */
    EXPIRE
}
