package br.com.totem.contracts;

/** The ticket lifecycle from docs/architecture.md; events carry it only where a consumer needs it. */
public enum TicketStatus {
    PENDING_PAYMENT,
    PAID,
    CALLED,
    IN_SERVICE,
    COMPLETED,
    EXPIRED,
    CANCELLED,
    NO_SHOW
}
