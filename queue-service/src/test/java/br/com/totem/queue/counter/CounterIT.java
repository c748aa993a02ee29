package br.com.totem.queue.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.ServiceChanged;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.platform.events.EventDispatcher;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueIT;
import br.com.totem.queue.support.QueueFixtures.Team;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The queue fed by real ticket.paid events through RabbitMQ, and every counter action, on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CounterIT extends QueueIT {

    static final Duration BOUND = QueueFixtures.BOUND;

    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventDispatcher dispatcher;
    @Autowired
    EventCodec codec;

    private List<TicketPaid> enqueue(Team team, UUID service, Priority... priorities) {
        Instant t = Instant.parse("2026-11-23T12:00:00Z");
        int expected = fixtures.line(team.manager(), service).size() + priorities.length;
        List<TicketPaid> paid = new ArrayList<>();
        for (Priority p : priorities) {
            t = t.plusSeconds(10);
            TicketPaid ticket = QueueFixtures.paid(service, "Banheira de Gelo", p, t);
            paid.add(ticket);
            fixtures.send(team.tenant(), ticket);
        }
        await().atMost(BOUND).until(() -> fixtures.line(team.manager(), service).size() == expected);
        return paid;
    }

    private WebTestClient.ResponseSpec callNext(String token, UUID session) {
        return http.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("sessionId", session)).exchange();
    }

    private JsonNode called(String token, UUID session) {
        return callNext(token, session).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec act(String token, String ticketId, String action) {
        return http.post().uri("/api/v1/queue/tickets/" + ticketId + "/" + action).header("Authorization", "Bearer " + token).exchange();
    }

    private void conflict(WebTestClient.ResponseSpec response, String type) {
        response.expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/" + type);
    }

    private List<String> outbox(String tenant, String ticketId) {
        return db.sql("select event_type from outbox where tenant_id = :t and aggregate_id = :a order by id")
                .bind("t", tenant).bind("a", ticketId).map(r -> r.get(0, String.class)).all().collectList().block(BOUND);
    }

    @Test
    void whenPreferentialTicketsWaitThenAtMostTwoGoInARowBeforeANormalOne() {
        Team team = fixtures.team();
        UUID service = UUID.randomUUID();
        List<TicketPaid> t = enqueue(team, service, Priority.NORMAL, Priority.PREFERENTIAL, Priority.PREFERENTIAL,
                Priority.PREFERENTIAL, Priority.NORMAL);
        List<String> expected = List.of(t.get(1), t.get(2), t.get(0), t.get(3), t.get(4)).stream()
                .map(p -> p.ticketId().toString()).toList();

        assertThat(fixtures.line(team.manager(), service)).containsExactlyElementsOf(expected);

        UUID session = fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Banheira 1"));
        List<String> calledOrder = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = called(team.operator(), session).get("ticketId").asString();
            calledOrder.add(id);
            act(team.operator(), id, "no-show").expectStatus().isOk();
        }
        assertThat(calledOrder).containsExactlyElementsOf(expected);
        callNext(team.operator(), session).expectStatus().isNoContent();
    }

    @Test
    void whenTwentyStationsCallAtOnceThenEachGetsADifferentTicket() {
        Team team = fixtures.team();
        UUID service = UUID.randomUUID();
        Priority[] priorities = new Priority[24];
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] = i % 3 == 0 ? Priority.PREFERENTIAL : Priority.NORMAL;
        }
        enqueue(team, service, priorities);
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Estação " + i)));
        }
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<String> calledIds = Flux.fromIterable(sessions)
                .flatMap(s -> client.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + team.operator())
                        .bodyValue(Map.of("sessionId", s)).retrieve().bodyToMono(JsonNode.class)
                        .map(n -> n.get("ticketId").asString()), 20)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(calledIds).hasSize(20).doesNotHaveDuplicates();
        assertThat(fixtures.line(team.manager(), service)).hasSize(4).doesNotContainAnyElementsOf(calledIds);
        Long calledRows = db.sql("select count(distinct session_id) from queue_entry where tenant_id = :t and status = 'CALLED'")
                .bind("t", team.tenant()).map(r -> r.get(0, Long.class)).one().block(BOUND);
        assertThat(calledRows).isEqualTo(20);
        Long events = db.sql("select count(*) from outbox where tenant_id = :t and event_type = 'ticket.called'")
                .bind("t", team.tenant()).map(r -> r.get(0, Long.class)).one().block(BOUND);
        assertThat(events).isEqualTo(20);
    }

    @Test
    void whenTheOperatorWorksATicketThenEachActionEmitsItsEventAndWrongOnesAre409() {
        Team team = fixtures.team();
        UUID service = UUID.randomUUID();
        enqueue(team, service, Priority.NORMAL, Priority.NORMAL);
        UUID station = fixtures.station(team.manager(), "Banheira 2");
        UUID session = fixtures.openSession(team.operator(), station);

        String first = called(team.operator(), session).get("ticketId").asString();
        conflict(callNext(team.operator(), session), "session-busy");
        conflict(act(team.operator(), first, "finish"), "ticket-state-conflict");
        for (int i = 1; i <= 3; i++) {
            act(team.operator(), first, "recall").expectStatus().isOk().expectBody().jsonPath("$.recallCount").isEqualTo(i);
        }
        conflict(act(team.operator(), first, "recall"), "recall-limit");
        act(team.operator(), first, "start").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("IN_SERVICE");
        conflict(act(team.operator(), first, "start"), "ticket-state-conflict");
        conflict(act(team.operator(), first, "no-show"), "ticket-state-conflict");
        conflict(act(team.operator(), first, "recall"), "ticket-state-conflict");
        act(team.operator(), first, "finish").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        conflict(act(team.operator(), first, "finish"), "ticket-state-conflict");
        http.post().uri("/api/v1/queue/tickets/" + first + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", service)).exchange().expectStatus().isEqualTo(409);

        assertThat(outbox(team.tenant(), first)).containsExactly("ticket.called", "ticket.called", "ticket.called",
                "ticket.called", "ticket.started", "ticket.completed");
        List<Integer> recalls = db.sql("select (envelope->'data'->>'recallCount')::int from outbox where aggregate_id = :a and event_type = 'ticket.called' order by id")
                .bind("a", first).map(r -> r.get(0, Integer.class)).all().collectList().block(BOUND);
        assertThat(recalls).containsExactly(0, 1, 2, 3);
        Map<String, Object> completed = db.sql("select envelope->'data'->>'operatorId' as op, envelope->'data'->>'serviceSeconds' as secs,"
                        + " envelope::text as body from outbox where aggregate_id = :a and event_type = 'ticket.completed'")
                .bind("a", first).fetch().one().block(BOUND);
        assertThat(completed.get("op")).isEqualTo(team.operatorUser().id().toString());
        assertThat(completed.get("secs")).isNotNull();
        assertThat((String) completed.get("body")).doesNotContain("Maria");

        String second = called(team.operator(), session).get("ticketId").asString();
        act(team.operator(), second, "no-show").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("NO_SHOW");
        conflict(act(team.operator(), second, "start"), "ticket-state-conflict");
        assertThat(outbox(team.tenant(), second)).containsExactly("ticket.called", "ticket.no_show");
        callNext(team.operator(), session).expectStatus().isNoContent();

        http.get().uri("/api/v1/queue/stations/" + station + "/day?date=2026-11-23").header("Authorization", "Bearer " + team.operator())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.called").isEqualTo(2).jsonPath("$.completed").isEqualTo(1).jsonPath("$.noShow").isEqualTo(1)
                .jsonPath("$.inService").isEqualTo(0);
        http.get().uri("/api/v1/queue/stations/" + station + "/day?date=2026-11-24").header("Authorization", "Bearer " + team.operator())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.called").isEqualTo(0);
        http.get().uri("/api/v1/queue/stations/" + station + "/day").header("Authorization", "Bearer " + team.operator())
                .exchange().expectStatus().isBadRequest();
        // another tenant's station, like one that does not exist, is not found (SecurityMatrixIT found it answered 200 with zeros)
        Team other = fixtures.team();
        http.get().uri("/api/v1/queue/stations/" + station + "/day?date=2026-11-23").header("Authorization", "Bearer " + other.manager())
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/queue/stations/" + UUID.randomUUID() + "/day?date=2026-11-23").header("Authorization", "Bearer " + team.manager())
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void whenATicketIsTransferredThenItKeepsItsNumberAndJoinsTheOtherLine() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        UUID boot = UUID.randomUUID();
        TicketPaid waiting = enqueue(team, ice, Priority.NORMAL).getFirst();
        TicketPaid bootTicket = QueueFixtures.paid(boot, "Bota de Compressão", Priority.NORMAL, Instant.parse("2026-11-23T13:00:00Z"));
        fixtures.send(team.tenant(), bootTicket);
        await().atMost(BOUND).until(() -> fixtures.line(team.manager(), boot).size() == 1);

        http.post().uri("/api/v1/queue/tickets/" + waiting.ticketId() + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", boot)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.number").isEqualTo(waiting.number())
                .jsonPath("$.serviceName").isEqualTo("Bota de Compressão").jsonPath("$.status").isEqualTo("WAITING");
        assertThat(fixtures.line(team.manager(), ice)).isEmpty();
        // it keeps its place: paid earlier than the boot ticket, it goes first
        assertThat(fixtures.line(team.manager(), boot)).containsExactly(waiting.ticketId().toString(), bootTicket.ticketId().toString());
        http.post().uri("/api/v1/queue/tickets/" + waiting.ticketId() + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", UUID.randomUUID())).exchange().expectStatus().isNotFound();
        // one ticket.transferred, naming both lines and the operator; the refused transfer emitted nothing
        String id = waiting.ticketId().toString();
        assertThat(outbox(team.tenant(), id)).containsExactly("ticket.transferred");
        Map<String, Object> transferred = db.sql("select envelope->'data'->>'number' as number, envelope->'data'->>'fromServiceId' as from_id,"
                        + " envelope->'data'->>'toServiceId' as to_id, envelope->'data'->>'toServiceName' as to_name,"
                        + " envelope->'data'->>'toDurationMinutes' as to_minutes,"
                        + " envelope->'data'->>'operatorId' as op from outbox where aggregate_id = :a and event_type = 'ticket.transferred'")
                .bind("a", id).fetch().one().block(BOUND);
        assertThat(transferred).containsEntry("number", waiting.number()).containsEntry("from_id", ice.toString())
                .containsEntry("to_id", boot.toString()).containsEntry("to_name", "Bota de Compressão")
                .containsEntry("to_minutes", "15") // the boot line's duration, from its ticket.paid
                .containsEntry("op", team.operatorUser().id().toString());
    }

    @Test
    void whenTheTargetServiceNeverSoldATicketThenTheCatalogEventLetsTheTransferThroughAndADeactivatedOneRefusesIt() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        UUID sauna = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        TicketPaid waiting = enqueue(team, ice, Priority.NORMAL, Priority.NORMAL).getFirst();
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        catalog(team, new ServiceChanged(sauna, "Sauna", "S", "#6A1B9A", 40, true, t));
        catalog(team, new ServiceChanged(closed, "Crioterapia", "C", "#00838F", 10, true, t));
        catalog(team, new ServiceChanged(closed, "Crioterapia", "C", "#00838F", 10, false, t.plusSeconds(60)));
        // a stale change replayed later (dead-letter queue) does not bring the old name or flag back
        catalog(team, new ServiceChanged(sauna, "Sauna Seca", "S", "#6A1B9A", 45, true, t.plusSeconds(30)));
        catalog(team, new ServiceChanged(sauna, "Sauna antiga", "S", "#6A1B9A", 5, true, t.minusSeconds(30)));
        await().atMost(BOUND).until(() -> applied.size() == 5 && db.sql("select count(*) from inbox where event_id = any(:ids)")
                .bind("ids", applied.toArray(UUID[]::new)).map(r -> r.get(0, Long.class)).one().block(BOUND) == 5);
        assertThat(lane(team, closed).active()).isFalse();
        assertThat(lane(team, sauna).name()).isEqualTo("Sauna Seca");

        // the sauna line has never had a paid ticket: it is known from the catalog
        http.post().uri("/api/v1/queue/tickets/" + waiting.ticketId() + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", sauna)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.serviceName").isEqualTo("Sauna Seca").jsonPath("$.status").isEqualTo("WAITING");
        assertThat(fixtures.line(team.manager(), sauna)).containsExactly(waiting.ticketId().toString());
        assertThat(db.sql("select envelope->'data'->>'toDurationMinutes' from outbox where aggregate_id = :a and event_type = 'ticket.transferred'")
                .bind("a", waiting.ticketId().toString()).map(r -> r.get(0, String.class)).one().block(BOUND)).isEqualTo("45");

        // a deactivated service takes no transfer, and the same line is not a transfer
        String other = fixtures.line(team.manager(), ice).getFirst();
        http.post().uri("/api/v1/queue/tickets/" + other + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", closed)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/service-inactive")
                .jsonPath("$.detail").isEqualTo("O serviço Crioterapia está desativado e não recebe transferências");
        conflict(http.post().uri("/api/v1/queue/tickets/" + other + "/transfer").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("serviceId", ice)).exchange(), "same-service");
        assertThat(fixtures.line(team.manager(), ice)).containsExactly(other);
    }

    private final List<UUID> applied = new ArrayList<>();

    private void catalog(Team team, ServiceChanged change) {
        EventEnvelope<ServiceChanged> event = EventEnvelope.of("ticket-service", team.tenant(), change.serviceId().toString(), change);
        applied.add(event.id());
        fixtures.publish(event);
    }

    private br.com.totem.queue.counter.store.QueueStore.Lane lane(Team team, UUID service) {
        return context.getBean(br.com.totem.queue.counter.store.QueueStore.class).lane(team.tenant(), service).block(BOUND);
    }

    @Test
    void whenTheSameSessionCallsTwiceAtOnceThenOneTicketIsCalledAndTheOtherTapHearsWhy() {
        Team team = fixtures.team();
        UUID service = UUID.randomUUID();
        enqueue(team, service, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL);
        UUID station = fixtures.station(team.manager(), "Banheira 7");
        UUID session = fixtures.openSession(team.operator(), station);
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> statuses = Flux.range(0, 6)
                .flatMap(i -> client.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + team.operator())
                        .bodyValue(Map.of("sessionId", session)).exchangeToMono(r -> r.bodyToMono(String.class)
                                .defaultIfEmpty("").map(body -> {
                                    if (r.statusCode().value() == 409) {
                                        assertThat(body).contains("session-busy").contains("Conclua a senha");
                                    }
                                    return r.statusCode().value();
                                })), 6)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        Long called = db.sql("select count(*) from queue_entry where session_id = :s and status = 'CALLED'")
                .bind("s", session).map(r -> r.get(0, Long.class)).one().block(BOUND);
        assertThat(called).isEqualTo(1);
        assertThat(fixtures.line(team.manager(), service)).hasSize(2);
    }

    @Test
    void whenAnotherStationAlreadyCalledTheTicketThenTheRefusalSaysSoInPlainWords() {
        Team team = fixtures.team();
        UUID service = UUID.randomUUID();
        enqueue(team, service, Priority.NORMAL);
        UUID session = fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Banheira 3"));
        String ticket = called(team.operator(), session).get("ticketId").asString();
        act(team.operator(), ticket, "start").expectStatus().isOk();
        fixtures.user(team.tenant(), "colega", null, "OPERATOR");
        String colleague = fixtures.login(team.tenant(), "colega");

        http.post().uri("/api/v1/queue/tickets/" + ticket + "/transfer").header("Authorization", "Bearer " + colleague)
                .bodyValue(Map.of("serviceId", UUID.randomUUID())).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).matches(
                        "A senha [A-Z]+\\d+ já está em atendimento em Banheira 3: não é possível transferir"));
        act(colleague, ticket, "no-show").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).endsWith(
                        "já está em atendimento em Banheira 3: não é possível marcar que não compareceu"));
    }

    @Test
    void whenStationsAndSessionsAreMisusedThenTheAnswerIs409Or403() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        UUID station = fixtures.station(team.manager(), "Banheira 1", ice);
        UUID session = fixtures.openSession(team.operator(), station);
        http.post().uri("/api/v1/queue/sessions").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("stationId", station)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/station-busy");
        // another operator may not call on this session
        fixtures.user(team.tenant(), "operador2", null, "OPERATOR");
        callNext(fixtures.login(team.tenant(), "operador2"), session).expectStatus().isForbidden();

        http.delete().uri("/api/v1/queue/sessions/" + session).header("Authorization", "Bearer " + team.operator())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.closedAt").isNotEmpty();
        conflict(callNext(team.operator(), session), "session-closed");
        UUID reopened = fixtures.openSession(team.operator(), station);
        assertThat(reopened).isNotEqualTo(session);
        // a service the station does not serve
        http.post().uri("/api/v1/queue/sessions").header("Authorization", "Bearer " + team.operator())
                .bodyValue(Map.of("stationId", fixtures.station(team.manager(), "Bota 1", UUID.randomUUID()), "serviceIds", List.of(ice)))
                .exchange().expectStatus().isEqualTo(409);
        // a kiosk or a manager without the operator role does not call
        callNext(team.manager(), reopened).expectStatus().isForbidden();
    }

    @Test
    void whenTicketsWaitThenPositionAndEstimatedWaitFollowStationsAndDuration() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        List<TicketPaid> t = enqueue(team, ice, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL);
        fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Banheira 1"));

        JsonNode line = queue(team.manager(), ice);
        assertThat(line.get("openStations").asInt()).isEqualTo(1);
        assertThat(waits(line)).containsExactly(15L, 30L, 45L); // 15-minute sessions, one station

        fixtures.user(team.tenant(), "operador2", null, "OPERATOR");
        fixtures.openSession(fixtures.login(team.tenant(), "operador2"), fixtures.station(team.manager(), "Banheira 2", ice));
        assertThat(waits(queue(team.manager(), ice))).containsExactly(8L, 15L, 23L); // two stations

        // the ticket holder sees number, status, position and wait; no name
        JsonNode status = http.get().uri("/api/v1/public/queue/" + t.get(1).statusToken()).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(status.get("number").asString()).isEqualTo(t.get(1).number());
        assertThat(status.get("status").asString()).isEqualTo("WAITING");
        assertThat(status.get("position").asInt()).isEqualTo(2);
        assertThat(status.get("estimatedWaitMinutes").asLong()).isEqualTo(15);
        assertThat(status.toString()).doesNotContain("Maria").doesNotContain("displayName").doesNotContain("ticketId");
        http.get().uri("/api/v1/public/queue/no-such-token").exchange().expectStatus().isNotFound();
    }

    private JsonNode queue(String token, UUID service) {
        return http.get().uri("/api/v1/queue?serviceId=" + service).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("lines").get(0);
    }

    private static List<Long> waits(JsonNode line) {
        List<Long> waits = new ArrayList<>();
        line.get("waiting").forEach(t -> waits.add(t.get("estimatedWaitMinutes").asLong()));
        return waits;
    }

    @Test
    void whenATicketIsCancelledThenItLeavesTheLine() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        List<TicketPaid> t = enqueue(team, ice, Priority.NORMAL, Priority.NORMAL);
        fixtures.cancel(team.tenant(), t.get(0).ticketId(), TicketStatus.PAID);
        await().atMost(BOUND).until(() -> fixtures.line(team.manager(), ice).equals(List.of(t.get(1).ticketId().toString())));
        http.get().uri("/api/v1/public/queue/" + t.get(0).statusToken()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
    }

    /**
     * Two instances share the consumer queue: a manager cancels a paid ticket at once, and one
     * instance takes {@code ticket.cancelled} while the other still queues its {@code ticket.paid}.
     * The cancel waits for it (tried again by the binder); acknowledged at once, it would leave a
     * cancelled ticket waiting in line to be called.
     */
    @Test
    void whenTheCancelOfAPaidTicketArrivesBeforeItIsQueuedThenItIsTriedAgainAndTheTicketLeavesTheLine() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        TicketPaid paid = QueueFixtures.paid(ice, "Banheira de Gelo", Priority.NORMAL, Instant.now());
        double earlyBefore = meters.counter("totem.inbox.events", "outcome", "early").count();
        fixtures.cancel(team.tenant(), paid.ticketId(), TicketStatus.PAID);
        await().atMost(BOUND).until(() -> meters.counter("totem.inbox.events", "outcome", "early").count() > earlyBefore);

        // the other instance queues the ticket meanwhile, through the same dispatcher and inbox
        dispatcher.dispatch(MessageBuilder.withPayload(codec.encode(
                EventEnvelope.of("ticket-service", team.tenant(), paid.ticketId().toString(), paid))).build()).block(BOUND);

        await().atMost(BOUND).untilAsserted(() -> http.get().uri("/api/v1/public/queue/" + paid.statusToken()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED"));
        assertThat(fixtures.line(team.manager(), ice)).isEmpty();
    }

    @Test
    void whenAnotherTenantTriesThenItSeesAndTouchesNothing() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        String ticket = enqueue(team, ice, Priority.NORMAL).getFirst().ticketId().toString();
        UUID station = fixtures.station(team.manager(), "Banheira 1");
        UUID session = fixtures.openSession(team.operator(), station);

        Team other = fixtures.team();
        JsonNode theirs = http.get().uri("/api/v1/queue").header("Authorization", "Bearer " + other.manager()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(theirs.get("lines").isEmpty()).isTrue();
        callNext(other.operator(), session).expectStatus().isNotFound();
        for (String action : List.of("recall", "start", "finish", "no-show")) {
            act(other.operator(), ticket, action).expectStatus().isNotFound();
        }
        http.post().uri("/api/v1/queue/tickets/" + ticket + "/transfer").header("Authorization", "Bearer " + other.operator())
                .bodyValue(Map.of("serviceId", ice)).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/queue/sessions").header("Authorization", "Bearer " + other.operator())
                .bodyValue(Map.of("stationId", station)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/queue/sessions/" + session).header("Authorization", "Bearer " + other.operator())
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/queue/tickets/" + ticket).header("Authorization", "Bearer " + other.operator())
                .exchange().expectStatus().isNotFound();
        // and the owner's queue is untouched
        assertThat(fixtures.line(team.manager(), ice)).containsExactly(ticket);
        assertThat(new HashSet<>(List.of(called(team.operator(), session).get("ticketId").asString()))).containsExactly(ticket);
    }
}
