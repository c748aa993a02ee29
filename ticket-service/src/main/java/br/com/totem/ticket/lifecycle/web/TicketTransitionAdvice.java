package br.com.totem.ticket.lifecycle.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.ticket.lifecycle.domain.IllegalTicketTransitionException;
import reactor.core.publisher.Mono;

/** A ticket asked for a step its state refuses: 409 {@code invalid-ticket-transition}, rendered by the platform handler. */
@RestControllerAdvice
class TicketTransitionAdvice {

    static final String INVALID_TICKET_TRANSITION = ProblemTypes.BASE + "invalid-ticket-transition";

    @ExceptionHandler(IllegalTicketTransitionException.class)
    Mono<Void> illegalTransition(IllegalTicketTransitionException e) {
        return Mono.error(new ProblemException(HttpStatus.CONFLICT, INVALID_TICKET_TRANSITION, "Invalid ticket transition",
                "Esta ação não é permitida para um ticket na situação " + e.from() + ".",
                Map.of("ticketStatus", e.from().name(), "action", e.action().name())));
    }
}
