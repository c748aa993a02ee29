package br.com.totem.ticket.lifecycle.domain;

import static br.com.totem.contracts.TicketStatus.CALLED;
import static br.com.totem.contracts.TicketStatus.CANCELLED;
import static br.com.totem.contracts.TicketStatus.COMPLETED;
import static br.com.totem.contracts.TicketStatus.EXPIRED;
import static br.com.totem.contracts.TicketStatus.IN_SERVICE;
import static br.com.totem.contracts.TicketStatus.NO_SHOW;
import static br.com.totem.contracts.TicketStatus.PAID;
import static br.com.totem.contracts.TicketStatus.PENDING_PAYMENT;

import java.util.EnumSet;
import java.util.Set;

import br.com.totem.contracts.TicketStatus;

/**
 * The ticket lifecycle of docs/architecture.md, and nothing else:
 * {@code PENDING_PAYMENT → PAID → CALLED → IN_SERVICE → COMPLETED},
 * {@code PENDING_PAYMENT → EXPIRED | CANCELLED}, {@code PAID | CALLED → CANCELLED},
 * {@code CALLED → NO_SHOW}. A recall ({@code CALL} on a {@code CALLED} ticket) keeps it called.
 * A transfer to another service's line (queue-service's counter action, issue 5) leaves a
 * waiting ticket waiting and returns a called one to waiting: {@code PAID | CALLED → PAID}.
 */
public final class TicketStateMachine {

    private static final Set<TicketStatus> CANCELLABLE = EnumSet.of(PENDING_PAYMENT, PAID, CALLED);
    private static final Set<TicketStatus> PAID_STATES = EnumSet.of(PAID, CALLED);

    private TicketStateMachine() {
    }

    /** The state after {@code action}; throws when the lifecycle does not allow it. */
    public static TicketStatus next(TicketStatus from, TicketAction action) {
        TicketStatus to = switch (action) {
            case PAY -> from == PENDING_PAYMENT ? PAID : null;
            case CALL -> from == PAID || from == CALLED ? CALLED : null;
            case START -> from == CALLED ? IN_SERVICE : null;
            case COMPLETE -> from == IN_SERVICE ? COMPLETED : null;
            case MARK_NO_SHOW -> from == CALLED ? NO_SHOW : null;
            case TRANSFER -> from == PAID || from == CALLED ? PAID : null;
            case CANCEL -> CANCELLABLE.contains(from) ? CANCELLED : null;
            case EXPIRE -> from == PENDING_PAYMENT ? EXPIRED : null;
        };
        if (to == null) {
            throw new IllegalTicketTransitionException(from, action);
        }
        return to;
    }

    public static boolean allows(TicketStatus from, TicketAction action) {
        try {
            next(from, action);
            return true;
        } catch (IllegalTicketTransitionException e) {
            return false;
        }
    }

    /**
     * Whether a ticket in {@code from} is still before the state {@code action} needs, on the
     * counter's way {@code PAID → CALLED → IN_SERVICE}: queue-service did the steps in order, so
     * the event of a step between them is on its way (another instance is applying it) and this
     * one is early, not wrong.
     */
    public static boolean awaitsEarlierStep(TicketStatus from, TicketAction action) {
        return switch (action) {
            case START, MARK_NO_SHOW -> from == PAID;
            case COMPLETE -> from == PAID || from == CALLED;
            default -> false;
        };
    }

    /** A cancelled ticket that had been paid must be refunded. */
    public static boolean refundRequiredWhenCancelled(TicketStatus from) {
        return PAID_STATES.contains(from);
    }
}
