package br.com.totem.ticket.lifecycle.domain;

import static br.com.totem.contracts.TicketStatus.CALLED;
import static br.com.totem.contracts.TicketStatus.CANCELLED;
import static br.com.totem.contracts.TicketStatus.COMPLETED;
import static br.com.totem.contracts.TicketStatus.EXPIRED;
import static br.com.totem.contracts.TicketStatus.IN_SERVICE;
import static br.com.totem.contracts.TicketStatus.NO_SHOW;
import static br.com.totem.contracts.TicketStatus.PAID;
import static br.com.totem.contracts.TicketStatus.PENDING_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import br.com.totem.contracts.TicketStatus;

/** Every state × every action: the allowed ones lead where docs/architecture.md says, all others are refused. */
class TicketStateMachineTest {

    private static final Map<TicketStatus, Map<TicketAction, TicketStatus>> ALLOWED = new EnumMap<>(TicketStatus.class);

    static {
        for (TicketStatus s : TicketStatus.values()) {
            ALLOWED.put(s, new EnumMap<>(TicketAction.class));
        }
        ALLOWED.get(PENDING_PAYMENT).put(TicketAction.PAY, PAID);
        ALLOWED.get(PENDING_PAYMENT).put(TicketAction.EXPIRE, EXPIRED);
        ALLOWED.get(PENDING_PAYMENT).put(TicketAction.CANCEL, CANCELLED);
        ALLOWED.get(PAID).put(TicketAction.CALL, CALLED);
        ALLOWED.get(PAID).put(TicketAction.CANCEL, CANCELLED);
        ALLOWED.get(CALLED).put(TicketAction.CALL, CALLED); // recall
        ALLOWED.get(CALLED).put(TicketAction.START, IN_SERVICE);
        ALLOWED.get(CALLED).put(TicketAction.MARK_NO_SHOW, NO_SHOW);
        ALLOWED.get(CALLED).put(TicketAction.CANCEL, CANCELLED);
        ALLOWED.get(IN_SERVICE).put(TicketAction.COMPLETE, COMPLETED);
        ALLOWED.get(PAID).put(TicketAction.TRANSFER, PAID); // to another service's line, still waiting
        ALLOWED.get(CALLED).put(TicketAction.TRANSFER, PAID); // waiting again, in the other line
    }

    static Stream<Arguments> allowedTransitions() {
        List<Arguments> out = new ArrayList<>();
        ALLOWED.forEach((from, actions) -> actions.forEach((action, to) -> out.add(Arguments.of(from, action, to))));
        return out.stream();
    }

    static Stream<Arguments> refusedTransitions() {
        List<Arguments> out = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketAction action : TicketAction.values()) {
                if (!ALLOWED.get(from).containsKey(action)) {
                    out.add(Arguments.of(from, action));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowedTransitions")
    void whenTheLifecycleAllowsTheActionThenTheTicketMovesToItsNextState(TicketStatus from, TicketAction action, TicketStatus to) {
        assertThat(TicketStateMachine.next(from, action)).isEqualTo(to);
        assertThat(TicketStateMachine.allows(from, action)).isTrue();
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @MethodSource("refusedTransitions")
    void whenTheLifecycleDoesNotAllowTheActionThenItIsRefusedNamingStateAndAction(TicketStatus from, TicketAction action) {
        assertThatThrownBy(() -> TicketStateMachine.next(from, action))
                .isInstanceOfSatisfying(IllegalTicketTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.action()).isEqualTo(action);
                });
        assertThat(TicketStateMachine.allows(from, action)).isFalse();
    }

    @Test
    void whenEveryPairIsCountedThenNoneIsLeftOut() {
        assertThat(allowedTransitions().count() + refusedTransitions().count())
                .isEqualTo((long) TicketStatus.values().length * TicketAction.values().length);
    }

    @Test
    void whenAPaidOrCalledTicketIsCancelledThenARefundIsRequiredButNotForAnUnpaidOne() {
        assertThat(TicketStateMachine.refundRequiredWhenCancelled(PAID)).isTrue();
        assertThat(TicketStateMachine.refundRequiredWhenCancelled(CALLED)).isTrue();
        assertThat(TicketStateMachine.refundRequiredWhenCancelled(PENDING_PAYMENT)).isFalse();
    }

    @Test
    void whenTerminalThenNoActionIsAllowed() {
        for (TicketStatus terminal : List.of(COMPLETED, EXPIRED, CANCELLED, NO_SHOW)) {
            for (TicketAction action : TicketAction.values()) {
                assertThat(TicketStateMachine.allows(terminal, action)).as(terminal + " " + action).isFalse();
            }
        }
    }

    @Test
    void whenACounterStepArrivesBeforeTheOneBeforeItThenItAwaitsItAndOtherwiseNot() {
        assertThat(TicketStateMachine.awaitsEarlierStep(CALLED, TicketAction.COMPLETE)).isTrue();
        assertThat(TicketStateMachine.awaitsEarlierStep(PAID, TicketAction.COMPLETE)).isTrue();
        assertThat(TicketStateMachine.awaitsEarlierStep(PAID, TicketAction.START)).isTrue();
        assertThat(TicketStateMachine.awaitsEarlierStep(PAID, TicketAction.MARK_NO_SHOW)).isTrue();
        // never paid, or already past it: nothing is on its way
        assertThat(TicketStateMachine.awaitsEarlierStep(PENDING_PAYMENT, TicketAction.COMPLETE)).isFalse();
        assertThat(TicketStateMachine.awaitsEarlierStep(COMPLETED, TicketAction.START)).isFalse();
        assertThat(TicketStateMachine.awaitsEarlierStep(CANCELLED, TicketAction.COMPLETE)).isFalse();
        assertThat(TicketStateMachine.awaitsEarlierStep(NO_SHOW, TicketAction.COMPLETE)).isFalse();
        assertThat(TicketStateMachine.awaitsEarlierStep(PAID, TicketAction.CALL)).isFalse();
    }
}
