package br.com.totem.queue.counter.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Callers;
import br.com.totem.queue.counter.Counter;
import br.com.totem.queue.counter.QueueView;
import br.com.totem.queue.counter.Sessions;
import br.com.totem.queue.counter.domain.CounterAction;
import br.com.totem.queue.station.Stations;
import br.com.totem.queue.counter.domain.OperatorSession;
import br.com.totem.queue.counter.domain.QueueEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/queue")
@Tag(name = "queue", description = "Operator sessions, the waiting line and the counter actions")
class QueueController {

    private final Sessions sessions;
    private final Counter counter;
    private final QueueView view;
    private final Stations stations;

    QueueController(Sessions sessions, Counter counter, QueueView view, Stations stations) {
        this.sessions = sessions;
        this.counter = counter;
        this.view = view;
        this.stations = stations;
    }

    record OpenSession(@NotNull UUID stationId, @Size(max = 50) List<UUID> serviceIds) {
    }

    record SessionView(UUID id, UUID stationId, String stationName, String operatorId, String operatorName,
                       List<UUID> serviceIds, Instant openedAt, Instant closedAt) {
        static SessionView of(OperatorSession s) {
            return new SessionView(s.id(), s.stationId(), s.stationName(), s.operatorId(), s.operatorName(),
                    s.effectiveServiceIds(), s.openedAt(), s.closedAt());
        }
    }

    record CallNext(@NotNull UUID sessionId) {
    }

    record Transfer(@NotNull UUID serviceId) {
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Open a session at a station for some of its services (none listed: all of them)")
    @ApiResponse(responseCode = "409", description = "station-busy: the station already has an open session")
    Mono<SessionView> open(@Valid @RequestBody OpenSession body) {
        return Callers.current().flatMap(c -> sessions.open(c, body.stationId(), body.serviceIds())).map(SessionView::of);
    }

    @GetMapping("/sessions")
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "Open sessions of the tenant")
    Flux<SessionView> openSessions() {
        return Callers.current().flatMapMany(sessions::open).map(SessionView::of);
    }

    @DeleteMapping("/sessions/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "Close a session (its operator, or a manager)")
    Mono<SessionView> close(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> sessions.close(c, id)).map(SessionView::of);
    }

    @PostMapping("/call-next")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Call the next ticket for the session's services",
            description = "Atomic: parallel calls never get the same ticket. Preferential tickets first, at most "
                    + "totem.queue.counter.preferential-run in a row per service; otherwise first paid, first called.")
    @ApiResponse(responseCode = "200", description = "the called ticket")
    @ApiResponse(responseCode = "204", description = "nothing waiting for these services")
    @ApiResponse(responseCode = "409", description = "session-closed, or session-busy (its ticket is not finished)")
    Mono<ResponseEntity<QueueView.Ticket>> callNext(@Valid @RequestBody CallNext body) {
        return Callers.current().flatMap(c -> counter.callNext(c, body.sessionId()))
                .map(e -> ResponseEntity.ok(ticket(e)))
                .defaultIfEmpty(ResponseEntity.noContent().build());
    }

    @PostMapping("/tickets/{id}/{action:recall|start|finish|no-show}")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Recall (up to 3 times), start, finish or mark a no-show",
            description = "recall, start and no-show from CALLED; finish from IN_SERVICE. Each emits its event.")
    @ApiResponse(responseCode = "409", description = "ticket-state-conflict or recall-limit")
    Mono<QueueView.Ticket> act(@PathVariable UUID id,
                               @Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"recall", "start", "finish", "no-show"}))
                               @PathVariable String action) {
        return Callers.current().flatMap(c -> counter.act(c, id, CounterAction.fromPath(action), null)).map(QueueController::ticket);
    }

    @PostMapping("/tickets/{id}/transfer")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Move a waiting or called ticket to another service's line, keeping its number and place")
    Mono<QueueView.Ticket> transfer(@PathVariable UUID id, @Valid @RequestBody Transfer body) {
        return Callers.current().flatMap(c -> counter.act(c, id, CounterAction.TRANSFER, body.serviceId()))
                .map(QueueController::ticket);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "Waiting tickets per service with position and estimated wait, and the tickets at stations",
            description = "Estimated wait = position × mean duration of the service's recent sessions (or its catalog "
                    + "duration) ÷ open stations for it.")
    Mono<QueueView.Snapshot> queue(@RequestParam(required = false) UUID serviceId) {
        return Callers.current().flatMap(c -> view.snapshot(c.tenant(), serviceId));
    }

    @GetMapping("/stations/{stationId}/day")
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "A station's counts for a business day: called (all it called that are still its own), in service, "
            + "completed, no-shows and the mean service length of the completed ones")
    Mono<QueueView.StationDay> stationDay(@PathVariable UUID stationId,
                                          @Parameter(description = "business day (yyyy-MM-dd) in the tenant's zone")
                                          @RequestParam @org.springframework.format.annotation.DateTimeFormat(
                                                  iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                                          java.time.LocalDate date) {
        // a station of another tenant (or none) is not found, as every other id of another tenant
        return Callers.current().flatMap(c -> stations.get(c.tenant(), stationId).then(view.stationDay(c.tenant(), stationId, date)));
    }

    @GetMapping("/tickets/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    Mono<QueueView.Ticket> ticket(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> view.snapshot(c.tenant(), null).map(s -> java.util.stream.Stream.concat(
                        s.lines().stream().flatMap(l -> l.waiting().stream()), s.active().stream())
                .filter(t -> t.ticketId().equals(id)).findFirst()))
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket " + id + " in the queue")));
    }

    private static QueueView.Ticket ticket(QueueEntry e) {
        return QueueView.Ticket.of(e, null, null);
    }
}
