package br.com.totem.queue.counter;

import java.util.Map;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;

/** Stable problem types of the counter; the operator app switches on them, the detail is for people. */
final class CounterProblems {

    static final String WRONG_STATE = ProblemTypes.BASE + "ticket-state-conflict";
    static final String RECALL_LIMIT = ProblemTypes.BASE + "recall-limit";
    static final String STATION_BUSY = ProblemTypes.BASE + "station-busy";
    static final String SESSION_CLOSED = ProblemTypes.BASE + "session-closed";
    static final String SESSION_BUSY = ProblemTypes.BASE + "session-busy";
    static final String SERVICE_NOT_AT_STATION = ProblemTypes.BASE + "service-not-at-station";
    static final String STATION_INACTIVE = ProblemTypes.BASE + "station-inactive";

    private CounterProblems() {
    }

    static ProblemException wrongState(String number, String status, String action) {
        return new ProblemException(HttpStatus.CONFLICT, WRONG_STATE, "Wrong ticket state",
                "A senha " + number + " está " + status + ": não é possível " + action,
                Map.of("ticketStatus", status, "action", action));
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

    static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }
}
