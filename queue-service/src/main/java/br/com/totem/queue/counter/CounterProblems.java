package br.com.totem.queue.counter;

import java.util.Map;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.queue.counter.domain.CounterAction;
import br.com.totem.queue.counter.domain.EntryStatus;

/** Stable problem types of the counter; the operator app switches on them, the detail is for people. */
final class CounterProblems {

    static final String WRONG_STATE = ProblemTypes.BASE + "ticket-state-conflict";
    static final String RECALL_LIMIT = ProblemTypes.BASE + "recall-limit";
    static final String STATION_BUSY = ProblemTypes.BASE + "station-busy";
    static final String SESSION_CLOSED = ProblemTypes.BASE + "session-closed";
    static final String SESSION_BUSY = ProblemTypes.BASE + "session-busy";
    static final String SERVICE_NOT_AT_STATION = ProblemTypes.BASE + "service-not-at-station";
    static final String STATION_INACTIVE = ProblemTypes.BASE + "station-inactive";
    static final String SERVICE_INACTIVE = ProblemTypes.BASE + "service-inactive";
    static final String SAME_SERVICE = ProblemTypes.BASE + "same-service";

    private CounterProblems() {
    }

    /**
     * The ticket is not in a state the action is allowed from: in plain words, naming the station
     * when another one called it first ("A senha G012 já foi chamada em Banheira 2: não é
     * possível iniciar").
     */
    static ProblemException wrongState(String number, EntryStatus status, String station, CounterAction action) {
        String where = station == null || status == EntryStatus.WAITING ? "" : " em " + station;
        return new ProblemException(HttpStatus.CONFLICT, WRONG_STATE, "Wrong ticket state",
                "A senha " + number + " " + describe(status) + where + ": não é possível " + verb(action),
                Map.of("ticketStatus", status.name(), "action", action.path()));
    }

    static String describe(EntryStatus status) {
        return switch (status) {
            case WAITING -> "está aguardando na fila";
            case CALLED -> "já foi chamada";
            case IN_SERVICE -> "já está em atendimento";
            case COMPLETED -> "já foi finalizada";
            case NO_SHOW -> "já foi marcada como não compareceu";
            case CANCELLED -> "foi cancelada";
        };
    }

    static String verb(CounterAction action) {
        return switch (action) {
            case RECALL -> "chamar de novo";
            case START -> "iniciar o atendimento";
            case FINISH -> "finalizar";
            case NO_SHOW -> "marcar que não compareceu";
            case TRANSFER -> "transferir";
        };
    }

    static ProblemException recallLimit(String number, int limit) {
        return new ProblemException(HttpStatus.CONFLICT, RECALL_LIMIT, "Recall limit reached",
                "A senha " + number + " já foi rechamada " + limit + " vezes", Map.of("recallLimit", limit));
    }

    static ProblemException stationBusy(String station) {
        return new ProblemException(HttpStatus.CONFLICT, STATION_BUSY, "Station busy",
                "A estação " + station + " já tem um atendimento aberto");
    }

    static ProblemException sessionClosed() {
        return new ProblemException(HttpStatus.CONFLICT, SESSION_CLOSED, "Session closed", "Este atendimento já foi encerrado");
    }

    static ProblemException sessionBusy(String number) {
        return new ProblemException(HttpStatus.CONFLICT, SESSION_BUSY, "Session busy",
                "Conclua a senha " + number + " antes de chamar a próxima");
    }

    static ProblemException serviceNotAtStation(String station) {
        return new ProblemException(HttpStatus.CONFLICT, SERVICE_NOT_AT_STATION, "Service not served here",
                "A estação " + station + " não atende este serviço");
    }

    static ProblemException stationInactive(String station) {
        return new ProblemException(HttpStatus.CONFLICT, STATION_INACTIVE, "Station inactive",
                "A estação " + station + " está desativada");
    }

    static ProblemException unknownService() {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                "Este serviço não existe no catálogo deste estúdio");
    }

    static ProblemException serviceInactive(String service) {
        return new ProblemException(HttpStatus.CONFLICT, SERVICE_INACTIVE, "Service inactive",
                "O serviço " + service + " está desativado e não recebe transferências");
    }

    static ProblemException sameService(String number, String service) {
        return new ProblemException(HttpStatus.CONFLICT, SAME_SERVICE, "Same service",
                "A senha " + number + " já está na fila de " + service);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }
}
