package br.com.totem.queue.counter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.OperatorSession;
import br.com.totem.queue.counter.domain.QueueEntry;
import br.com.totem.queue.counter.domain.QueueOrdering;
import br.com.totem.queue.counter.domain.WaitEstimate;
import br.com.totem.queue.counter.domain.Waiting;
import br.com.totem.queue.counter.store.QueueStore;
import br.com.totem.queue.counter.store.SessionStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queue as staff, the public status page and the live channels see it: order, positions, estimated waits. */
@Service
public class QueueView {

    /** A ticket with its place in its service's line (position and wait only while waiting). */
    public record Ticket(UUID ticketId, String number, UUID serviceId, String serviceName, String priority,
                         String displayName, String status, Instant paidAt, Integer position, Long estimatedWaitMinutes,
                         UUID stationId, String stationName, int recallCount, Instant calledAt, Instant startedAt) {

        public static Ticket of(QueueEntry e, Integer position, Long waitMinutes) {
            QueueEntry.Attendance a = e.attendance();
            return new Ticket(e.ticketId(), e.number(), e.serviceId(), e.line().serviceName(),
                    e.paid().preferential() ? "PREFERENTIAL" : "NORMAL", e.paid().displayName(), e.status().name(),
                    e.paid().paidAt(), position, waitMinutes, a.stationId(), a.stationName(), a.recallCount(), a.calledAt(),
                    a.startedAt());
        }
    }

    /** One service's line. */
    public record Line(UUID serviceId, String serviceName, int openStations, long meanSessionSeconds, List<Ticket> waiting) {
    }

    public record Snapshot(List<Line> lines, List<Ticket> active) {
    }

    /** What the ticket holder may see: no name, no personal data. */
    public record PublicStatus(String number, String serviceName, String status, Integer position, Long estimatedWaitMinutes,
                               String stationName) {
    }

    private final QueueStore queue;
    private final SessionStore sessions;
    private final QueueProperties.Counter props;

    public QueueView(QueueStore queue, SessionStore sessions, QueueProperties properties) {
        this.queue = queue;
        this.sessions = sessions;
        this.props = properties.counter();
    }

    public Mono<Snapshot> snapshot(String tenant, UUID serviceFilter) {
        return Mono.zip(lines(tenant, serviceFilter == null ? List.of() : List.of(serviceFilter)),
                        queue.active(tenant).filter(e -> serviceFilter == null || e.serviceId().equals(serviceFilter))
                                .map(e -> Ticket.of(e, null, null)).collectList())
                .map(t -> new Snapshot(t.getT1(), t.getT2()));
    }

    /** The lines of these services (every service with a lane when empty). */
    public Mono<List<Line>> lines(String tenant, List<UUID> serviceIds) {
        Mono<Map<UUID, List<QueueEntry>>> waiting = queue.waiting(tenant, serviceIds).collect(Collectors.groupingBy(
                QueueEntry::serviceId, LinkedHashMap::new, Collectors.toList()));
        Mono<List<OperatorSession>> open = sessions.open(tenant).collectList();
        return Mono.zip(waiting, open, queue.lanes(tenant).collectList()).flatMap(t -> {
            Map<UUID, List<QueueEntry>> byService = t.getT1();
            List<OperatorSession> openSessions = t.getT2();
            return Flux.fromIterable(t.getT3())
                    .filter(lane -> serviceIds.isEmpty() || serviceIds.contains(lane.serviceId()))
                    .concatMap(lane -> mean(tenant, lane).map(mean -> line(lane, mean,
                            byService.getOrDefault(lane.serviceId(), List.of()), openSessions)))
                    .collectList();
        });
    }

    private Mono<Duration> mean(String tenant, QueueStore.Lane lane) {
        return queue.meanServiceSeconds(tenant, lane.serviceId(), props.recentSessions())
                .map(s -> Duration.ofSeconds(Math.round(s)))
                .defaultIfEmpty(Duration.ofMinutes(lane.durationMinutes()));
    }

    private Line line(QueueStore.Lane lane, Duration mean, List<QueueEntry> entries, List<OperatorSession> open) {
        int stations = (int) open.stream().filter(s -> s.serves(lane.serviceId())).count();
        Map<UUID, QueueEntry> byId = entries.stream().collect(Collectors.toMap(QueueEntry::ticketId, e -> e));
        List<Waiting> order = QueueOrdering.project(entries.stream().map(QueueEntry::asWaiting).toList(),
                lane.preferentialRun(), props.preferentialRun());
        List<Ticket> tickets = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            int position = i + 1;
            tickets.add(Ticket.of(byId.get(order.get(i).ticketId()), position,
                    WaitEstimate.minutes(WaitEstimate.of(position, mean, stations))));
        }
        return new Line(lane.serviceId(), lane.name(), stations, mean.toSeconds(), tickets);
    }

    /** A station's business day: what its operators called, served and lost (the operator tablet's counters). */
    public record StationDay(UUID stationId, java.time.LocalDate businessDate, long called, long inService, long completed,
                             long noShow, long meanServiceSeconds) {
    }

    public Mono<StationDay> stationDay(String tenant, UUID stationId, java.time.LocalDate businessDate) {
        return queue.stationDay(tenant, stationId, businessDate).collectMap(QueueStore.StatusCount::status).map(by -> {
            long calledNow = count(by, EntryStatus.CALLED);
            long inService = count(by, EntryStatus.IN_SERVICE);
            long completed = count(by, EntryStatus.COMPLETED);
            long noShow = count(by, EntryStatus.NO_SHOW);
            QueueStore.StatusCount done = by.get(EntryStatus.COMPLETED);
            long mean = done == null || done.count() == 0 ? 0 : Math.round((double) done.serviceSeconds() / done.count());
            return new StationDay(stationId, businessDate, calledNow + inService + completed + noShow, inService, completed,
                    noShow, mean);
        });
    }

    private static long count(Map<EntryStatus, QueueStore.StatusCount> by, EntryStatus status) {
        QueueStore.StatusCount c = by.get(status);
        return c == null ? 0 : c.count();
    }

    /** The latest calls still at a station, newest first (the TV panel). */
    public Mono<List<Ticket>> recentCalls(String tenant, int limit) {
        return queue.recentCalls(tenant, limit).map(e -> Ticket.of(e, null, null)).collectList();
    }

    /** The line of one ticket's service, and the ticket in it. */
    public Mono<PublicStatus> publicStatus(String statusToken) {
        return queue.byStatusToken(statusToken).flatMap(e -> {
            if (e.status() != EntryStatus.WAITING) {
                return Mono.just(new PublicStatus(e.number(), e.line().serviceName(), e.status().name(), null, null,
                        e.status().isActive() ? e.attendance().stationName() : null));
            }
            return lines(e.tenant(), List.of(e.serviceId())).map(lines -> lines.stream()
                    .flatMap(l -> l.waiting().stream())
                    .filter(tk -> tk.ticketId().equals(e.ticketId()))
                    .findFirst()
                    .map(tk -> new PublicStatus(e.number(), e.line().serviceName(), e.status().name(), tk.position(),
                            tk.estimatedWaitMinutes(), null))
                    .orElse(new PublicStatus(e.number(), e.line().serviceName(), e.status().name(), null, null, null)));
        });
    }

}
