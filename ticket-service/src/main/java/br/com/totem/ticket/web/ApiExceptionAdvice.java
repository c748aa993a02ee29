package br.com.totem.ticket.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

import br.com.totem.ticket.validation.FieldViolation;
import br.com.totem.ticket.validation.InvalidFieldsException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Turns the shared exceptions into problems (a feature's own stay with it, e.g.
 * {@code lifecycle.web.TicketTransitionAdvice}), and names the field when a JSON value has the wrong
 * type ({@code "consent": {"version": "abc"}}): the platform's generic "not valid JSON" would
 * leave the kiosk guessing. The resulting problem is rendered by the platform handler.
 */
@RestControllerAdvice
class ApiExceptionAdvice {

    @ExceptionHandler(InvalidFieldsException.class)
    Mono<Void> invalidFields(InvalidFieldsException e) {
        return Mono.error(ApiProblems.invalid(e));
    }

    @ExceptionHandler(ServerWebInputException.class)
    Mono<Void> badInput(ServerWebInputException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = jackson.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
                return Mono.error(ApiProblems.invalid(List.of(new FieldViolation(field, "Valor com formato inválido."))));
            }
        }
        return Mono.error(e);
    }
}
