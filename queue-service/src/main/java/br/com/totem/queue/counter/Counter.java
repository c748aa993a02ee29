package br.com.totem.queue.counter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Roles;
import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.counter.domain.CounterAction;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.OperatorSession;
import br.com.totem.queue.counter.domain.QueueEntry;
import br.com.totem.queue.counter.domain.QueueOrdering;
import br.com.totem.queue.counter.domain.Waiting;
import br.com.totem.queue.counter.store.QueueStore;
import br.com.totem.queue.counter.store.SessionStore;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The counter: call the next ticket, recall, start, finish, no-show, transfer. Each action
 * changes the entry and appends its event to the outbox in one transaction, then tells the live
 * channels. Call-next locks the lanes (one row per service) it picks from, in a fixed order, so
 * two stations never get the same ticket and the preferential run stays exact.
 */
@Service
public class Counter {

    private final QueueStore queue;
    private final SessionStore sessions;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final QueueChanges live;
    private final QueueProperties.Counter props;
    private final Clock clock;

    public Counter(QueueStore queue, SessionStore sessions, Outbox outbox, TransactionalOperator tx, QueueChanges live,
                   QueueProperties properties, Clock clock) {
        this.queue = queue;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.live = live;
        this.props = properties.counter();
        this.clock = clock;
    }

    /** The called ticket, or empty when nothing this session serves is waiting. */
    public Mono<QueueEntry> callNext(Caller caller, UUID sessionId) {
        // the session row is locked first: a double tap (or the same operator on two tablets)
        // waits here and then sees the ticket the first call took (409 session-busy)
        return tx.transactional(sessions.lockById(caller.tenant(), sessionId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Session " + sessionId)))
                        .flatMap(session -> {
                            checkOwner(caller, session);
                            if (!session.isOpen()) {
                                return Mono.error(CounterProblems.sessionClosed());
                            }
                            return queue.activeOfSession(session.id())
                                    .flatMap(busy -> Mono.<QueueEntry>error(CounterProblems.sessionBusy(busy.number())))
                                    .switchIfEmpty(pickAndCall(caller, session));
                        }))
                // the picked entry was cancelled between the read and the update: pick again
                .retryWhen(Retry.max(3).filter(ConcurrentlyChanged.class::isInstance))
                .flatMap(called -> live.publish(caller.tenant(), QueueChanges.Kind.CALLED, called, List.of(called.serviceId()))
                        .thenReturn(called));
    }

    private Mono<QueueEntry> pickAndCall(Caller caller, OperatorSession session) {
        List<UUID> services = session.effectiveServiceIds();
        return queue.lockLanes(caller.tenant(), services).collectList().flatMap(lanes -> {
            if (lanes.isEmpty()) {
                return Mono.empty();
            }
            List<UUID> laneIds = lanes.stream().map(QueueStore.Lane::serviceId).toList();
            Map<UUID, Integer> runs = lanes.stream().collect(Collectors.toMap(QueueStore.Lane::serviceId, QueueStore.Lane::preferentialRun));
            return queue.waiting(caller.tenant(), laneIds).collectList().flatMap(entries -> {
                Map<UUID, QueueEntry> byId = new HashMap<>();
                Map<UUID, List<Waiting>> byService = new HashMap<>();
                for (QueueEntry e : entries) {
                    byId.put(e.ticketId(), e);
                    byService.computeIfAbsent(e.serviceId(), k -> new java.util.ArrayList<>()).add(e.asWaiting());
                }
                return Mono.justOrEmpty(QueueOrdering.nextAcross(byService, runs, props.preferentialRun()))
                        .flatMap(next -> {
                            QueueEntry entry = byId.get(next.ticketId());
                            Instant now = clock.instant();
                            QueueEntry called = entry.calledBy(session.stationId(), session.stationName(), session.id(),
                                    caller.subject(), now);
                            return queue.update(called, EntryStatus.WAITING, null).flatMap(updated -> updated
                                    ? queue.setRun(caller.tenant(), entry.serviceId(),
                                            QueueOrdering.runAfter(next, runs.getOrDefault(entry.serviceId(), 0)))
                                            .then(outbox.append(calledEvent(caller, called)))
                                            .thenReturn(called)
                                    : Mono.error(new ConcurrentlyChanged()));
                        });
            });
        });
    }

    /** A counter action on one ticket. */
    public Mono<QueueEntry> act(Caller caller, UUID ticketId, CounterAction action, UUID transferTo) {
        Mono<Transition> work = queue.lockById(caller.tenant(), ticketId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket " + ticketId)))
                .flatMap(entry -> {
                    if (!action.allowedFrom(entry.status())) {
                        return Mono.error(CounterProblems.wrongState(entry.number(), entry.status(), entry.attendance().stationName(), action));
                    }
                    if (entry.status().isActive()) {
                        checkOperatorOf(caller, entry);
                    }
                    return switch (action) {
                        case RECALL -> recall(caller, entry);
                        case START -> start(caller, entry);
                        case FINISH -> finish(caller, entry);
                        case NO_SHOW -> noShow(caller, entry);
                        case TRANSFER -> transfer(caller, entry, transferTo);
                    };
                });
        return tx.transactional(work)
                .onErrorMap(ConcurrentlyChanged.class, e -> ProblemException.conflict(CounterProblems.WRONG_STATE,
                        "A senha mudou enquanto a ação era feita; atualize e tente de novo"))
                .flatMap(t -> live.publish(caller.tenant(), t.kind(), t.entry(), t.affectedServices())
                .thenReturn(t.entry()));
    }

    private record Transition(QueueChanges.Kind kind, QueueEntry entry, List<UUID> affectedServices) {
    }

    private Mono<Transition> recall(Caller caller, QueueEntry e) {
        if (e.attendance().recallCount() >= props.recallLimit()) {
            return Mono.error(CounterProblems.recallLimit(e.number(), props.recallLimit()));
        }
        QueueEntry next = e.recalled(clock.instant());
        return save(next, e.status(), null, calledEvent(caller, next), QueueChanges.Kind.RECALLED);
    }

    private Mono<Transition> start(Caller caller, QueueEntry e) {
        Instant now = clock.instant();
        QueueEntry next = e.started(now);
        return save(next, e.status(), null, EventEnvelope.of(e.tenant(), e.ticketId().toString(),
                new TicketStarted(e.ticketId(), e.number(), e.attendance().stationId(), operatorUuid(caller.subject()), now)), QueueChanges.Kind.STARTED);
    }

    private Mono<Transition> finish(Caller caller, QueueEntry e) {
        Instant now = clock.instant();
        long seconds = Math.max(0, Duration.between(e.attendance().startedAt(), now).toSeconds());
        QueueEntry next = e.completed(now);
        return save(next, e.status(), (int) seconds, EventEnvelope.of(e.tenant(), e.ticketId().toString(),
                new TicketCompleted(e.ticketId(), e.number(), e.attendance().stationId(), operatorUuid(caller.subject()), seconds, now)),
                QueueChanges.Kind.COMPLETED);
    }

    private Mono<Transition> noShow(Caller caller, QueueEntry e) {
        Instant now = clock.instant();
        QueueEntry next = e.noShow(now);
        return save(next, e.status(), null, EventEnvelope.of(e.tenant(), e.ticketId().toString(),
                new TicketNoShow(e.ticketId(), e.number(), e.attendance().stationId(), operatorUuid(caller.subject()), now)), QueueChanges.Kind.NO_SHOW);
    }

    /**
     * Back to waiting, in another service's line, with the same number and its original paid
     * time (it keeps its place); {@code ticket.transferred} goes out through the outbox.
     */
    private Mono<Transition> transfer(Caller caller, QueueEntry e, UUID target) {
        if (target == null) {
            return Mono.error(new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    br.com.totem.platform.problem.ProblemTypes.VALIDATION, "Invalid request", "Informe o serviço de destino"));
        }
        List<UUID> both = java.util.stream.Stream.of(e.serviceId(), target).distinct().sorted().toList();
        return queue.lockLanes(caller.tenant(), both).collectList().flatMap(lanes -> {
            QueueStore.Lane lane = lanes.stream().filter(l -> l.serviceId().equals(target)).findFirst().orElse(null);
            if (lane == null) {
                return Mono.error(CounterProblems.unknownService());
            }
            if (!lane.active()) {
                return Mono.error(CounterProblems.serviceInactive(lane.name()));
            }
            if (lane.serviceId().equals(e.serviceId())) {
                return Mono.error(CounterProblems.sameService(e.number(), lane.name()));
            }
            QueueEntry next = e.transferredTo(lane.serviceId(), lane.name(), lane.durationMinutes());
            var event = EventEnvelope.of(e.tenant(), e.ticketId().toString(), new TicketTransferred(e.ticketId(),
                    e.number(), e.serviceId(), lane.serviceId(), lane.name(), lane.durationMinutes(), operatorUuid(caller.subject()),
                    clock.instant()));
            return queue.update(next, e.status(), null).flatMap(ok -> ok
                    ? outbox.append(event).thenReturn(new Transition(QueueChanges.Kind.TRANSFERRED, next, both))
                    : Mono.error(new ConcurrentlyChanged()));
        });
    }

    private Mono<Transition> save(QueueEntry next, EntryStatus expected, Integer serviceSeconds, EventEnvelope<?> event,
                                  QueueChanges.Kind kind) {
        return queue.update(next, expected, serviceSeconds).flatMap(ok -> ok
                ? outbox.append(event).thenReturn(new Transition(kind, next, List.of(next.serviceId())))
                : Mono.error(new ConcurrentlyChanged()));
    }

    private static EventEnvelope<TicketCalled> calledEvent(Caller caller, QueueEntry e) {
        return EventEnvelope.of(e.tenant(), e.ticketId().toString(), new TicketCalled(e.ticketId(), e.number(),
                e.serviceId(), e.attendance().stationId(), e.attendance().stationName(), operatorUuid(caller.subject()), e.attendance().sessionId(), e.attendance().recallCount(),
                e.attendance().calledAt()));
    }

    /** Our staff ids are UUIDs; a subject from an external issuer is mapped to a stable UUID. */
    static UUID operatorUuid(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(subject.getBytes(StandardCharsets.UTF_8));
        }
    }

    static boolean supervises(Caller caller) {
        return caller.hasRole(Roles.MANAGER) || caller.hasRole(Roles.ADMIN);
    }

    static void checkOwner(Caller caller, OperatorSession session) {
        if (!supervises(caller) && !session.operatorId().equals(caller.subject())) {
            throw CounterProblems.forbidden("Este atendimento é de outro operador");
        }
    }

    private static void checkOperatorOf(Caller caller, QueueEntry entry) {
        if (!supervises(caller) && entry.attendance().operatorId() != null && !entry.attendance().operatorId().equals(caller.subject())) {
            throw CounterProblems.forbidden("A senha " + entry.number() + " está com outro operador");
        }
    }

    /** The row moved under us (cancelled while being called): the transaction rolls back and is retried. */
    static final class ConcurrentlyChanged extends RuntimeException {
        ConcurrentlyChanged() {
            super("queue entry changed concurrently", null, false, false);
        }
    }
}
