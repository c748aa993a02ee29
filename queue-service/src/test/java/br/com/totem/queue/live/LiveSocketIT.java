package br.com.totem.queue.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.queue.counter.QueueChanges;
import br.com.totem.queue.counter.QueueView;
import br.com.totem.queue.identity.domain.DeviceKind;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueIT;
import br.com.totem.queue.support.QueueFixtures.Team;
import br.com.totem.queue.support.SocketProbe;
import br.com.totem.testkit.TestTokens;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.queue.counter.domain.QueueEntry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * /ws/queue and /ws/panel on real Redis: snapshot, changes, resume, heartbeats, slow clients, roles.
 * Its own context (the property below): a cached context that lived through TwoInstanceFanoutIT
 * closing its two applications in this JVM was seen to stop receiving Redis pub/sub messages (cause not
 * pinned down yet; one application per JVM, as in production, is not in that situation).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"totem.queue.live.history=1000",
        "totem.queue.live.revocation-check=300ms",
        // testkit's tokens (short-lived ones here) come in as an external issuer's
        "totem.queue.identity.external-jwks-uri=${TOTEM_JWKS_URI}",
        "totem.queue.identity.external-issuer=" + TestTokens.ISSUER})
class LiveSocketIT extends QueueIT {

    @Autowired
    LiveQueue live;

    private TicketPaid pay(Team team, UUID service) {
        TicketPaid paid = QueueFixtures.paid(service, "Banheira de Gelo", Priority.NORMAL, Instant.now());
        fixtures.send(team.tenant(), paid);
        return paid;
    }

    private static String type(JsonNode f) {
        return f.get("type").asString();
    }

    @Test
    void whenOperatorConnectsThenSnapshotThenNumberedChangesAndHeartbeats() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        TicketPaid first = pay(team, ice);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 1);

        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), false, null)) {
            JsonNode snapshot = socket.next();
            assertThat(type(snapshot)).isEqualTo("snapshot");
            long seq = snapshot.get("seq").asLong();
            assertThat(snapshot.get("lines").get(0).get("waiting").get(0).get("ticketId").asString()).isEqualTo(first.ticketId().toString());

            TicketPaid second = pay(team, ice);
            JsonNode enqueued = socket.next();
            assertThat(type(enqueued)).isEqualTo("change");
            assertThat(enqueued.get("seq").asLong()).isEqualTo(seq + 1);
            assertThat(enqueued.get("kind").asString()).isEqualTo("ENQUEUED");
            assertThat(enqueued.get("ticket").get("number").asString()).isEqualTo(second.number());
            assertThat(enqueued.get("ticket").get("position").asInt()).isEqualTo(2);
            assertThat(enqueued.get("lines").get(0).get("waiting")).hasSize(2);

            UUID session = fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Banheira 1"));
            http.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + team.operator())
                    .bodyValue(Map.of("sessionId", session)).exchange().expectStatus().isOk();
            JsonNode called = socket.next();
            assertThat(called.get("seq").asLong()).isEqualTo(seq + 2);
            assertThat(called.get("kind").asString()).isEqualTo("CALLED");
            assertThat(called.get("ticket").get("stationName").asString()).isEqualTo("Banheira 1");

            JsonNode heartbeat = socket.next(f -> type(f).equals("heartbeat"));
            assertThat(heartbeat.get("seq").asLong()).isEqualTo(seq + 2);
        }
    }

    @Test
    void whenPanelConnectsWithAQueryTokenThenItSeesCallsButNoNames() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        fixtures.device(team.tenant(), "panel-1", DeviceKind.PANEL);
        String panel = fixtures.deviceToken(team.tenant(), "panel-1");

        long seq;
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/panel", panel, true, null)) {
            JsonNode snapshot = socket.next();
            assertThat(type(snapshot)).isEqualTo("snapshot");
            assertThat(snapshot.get("calls")).isEmpty();
            seq = snapshot.get("seq").asLong();

            TicketPaid paid = pay(team, ice);
            await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 1);
            UUID session = fixtures.openSession(team.operator(), fixtures.station(team.manager(), "Banheira 2"));
            http.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + team.operator())
                    .bodyValue(Map.of("sessionId", session)).exchange().expectStatus().isOk();

            // the ENQUEUED change is not for the panel, but its sequence number is: no hole to resync on
            JsonNode skip = socket.next();
            assertThat(skip.toString()).isEqualTo("{\"type\":\"skip\",\"seq\":" + (seq + 1) + "}");
            JsonNode call = socket.next();
            assertThat(call.get("seq").asLong()).isEqualTo(seq + 2);
            assertThat(call.get("kind").asString()).isEqualTo("CALLED");
            assertThat(call.get("call").get("number").asString()).isEqualTo(paid.number());
            assertThat(call.get("call").get("stationName").asString()).isEqualTo("Banheira 2");
            assertThat(call.get("call").get("serviceId").asString()).isEqualTo(ice.toString());
            assertThat(call.toString()).doesNotContain("Maria").doesNotContain("displayName");
        }
        // a panel back from a drop gets the same contiguous run, then heartbeats at its own seq
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/panel", panel, false, seq)) {
            assertThat(type(socket.next())).isEqualTo("resumed");
            assertThat(List.of(type(socket.next()), type(socket.next()))).containsExactly("skip", "change");
            assertThat(socket.next(f -> true).get("seq").asLong()).isEqualTo(seq + 2);
        }
        // a fresh panel gets the current calls in its snapshot
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/panel", panel, true, null)) {
            JsonNode snapshot = socket.next();
            assertThat(snapshot.get("calls")).hasSize(1);
            assertThat(snapshot.toString()).doesNotContain("Maria");
        }
    }

    /**
     * LGPD: once the customer is anonymised, neither the queue nor the changes kept for reconnecting
     * clients give out their old name; the other customer's ticket keeps theirs.
     */
    @Test
    void whenTheCustomerIsAnonymisedThenTheQueueAndTheKeptChangesForgetTheirName() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        long seq;
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), true, null)) {
            seq = socket.next().get("seq").asLong();
        }
        TicketPaid theirs = pay(team, ice);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 1);
        TicketPaid someoneElses = pay(team, ice);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 2);
        UUID customer = UUID.randomUUID();

        fixtures.publish(EventEnvelope.of("ticket-service", team.tenant(), customer.toString(),
                new CustomerAnonymised(customer, List.of(theirs.ticketId()), "Anônimo", "DATA_SUBJECT_REQUEST", Instant.now())));

        await().atMost(QueueFixtures.BOUND).until(() -> names(queue(team), theirs.ticketId()).equals(List.of("Anônimo")));
        assertThat(names(queue(team), someoneElses.ticketId())).containsOnly("Maria S.");
        await().atMost(QueueFixtures.BOUND).untilAsserted(() -> {
            try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), true, seq)) {
                assertThat(type(socket.next())).isEqualTo("resumed");
                JsonNode first = socket.next();
                JsonNode second = socket.next();
                assertThat(names(first, theirs.ticketId())).isNotEmpty().containsOnly("Anônimo");
                assertThat(names(second, theirs.ticketId())).isNotEmpty().containsOnly("Anônimo");
                assertThat(names(second, someoneElses.ticketId())).isNotEmpty().containsOnly("Maria S.");
            }
        });
    }

    private JsonNode queue(Team team) {
        return http.get().uri("/api/v1/queue").header("Authorization", "Bearer " + team.manager()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Every display name the tree gives the ticket. */
    private static List<String> names(JsonNode node, UUID ticketId) {
        List<String> found = new java.util.ArrayList<>();
        if (node.isObject() && node.has("displayName") && node.get("ticketId") != null
                && ticketId.toString().equals(node.get("ticketId").asString())) {
            found.add(node.get("displayName").asString());
        }
        if (node.isContainer()) {
            node.forEach(child -> found.addAll(names(child, ticketId)));
        }
        return found;
    }

    @Test
    void whenAClientReconnectsWithItsLastSeqThenItGetsWhatItMissedOrAFreshSnapshot() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        long seq;
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), true, null)) {
            seq = socket.next().get("seq").asLong();
        }
        TicketPaid a = pay(team, ice);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 1);
        TicketPaid b = pay(team, ice);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 2);

        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), true, seq)) {
            JsonNode resumed = socket.next();
            assertThat(type(resumed)).isEqualTo("resumed");
            assertThat(resumed.get("seq").asLong()).isEqualTo(seq);
            JsonNode first = socket.next();
            JsonNode second = socket.next();
            assertThat(List.of(first.get("seq").asLong(), second.get("seq").asLong())).containsExactly(seq + 1, seq + 2);
            assertThat(List.of(first.get("ticket").get("number").asString(), second.get("ticket").get("number").asString()))
                    .containsExactly(a.number(), b.number());
        }
        // up to date: nothing to replay
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), false, seq + 2)) {
            assertThat(type(socket.next())).isEqualTo("resumed");
            assertThat(type(socket.next(f -> true))).isEqualTo("heartbeat");
        }
        // a sequence the server cannot serve (ahead of it, or trimmed): a fresh snapshot
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), false, seq + 1000)) {
            JsonNode snapshot = socket.next();
            assertThat(type(snapshot)).isEqualTo("snapshot");
            assertThat(snapshot.get("seq").asLong()).isEqualTo(seq + 2);
            assertThat(snapshot.get("lines").get(0).get("waiting")).hasSize(2);
        }
    }

    @Test
    void whenAClientStopsReadingThenItIsDroppedInsteadOfGrowingMemory() throws Exception {
        Team team = fixtures.team();
        try (Socket raw = new Socket()) {
            raw.setReceiveBufferSize(4096);
            raw.connect(new InetSocketAddress("127.0.0.1", port));
            String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.UTF_8));
            OutputStream out = raw.getOutputStream();
            out.write(("GET /ws/queue HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + team.operator()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(QueueFixtures.BOUND).until(() -> live.clients(team.tenant()) == 1);

            // never read; the server keeps publishing large changes
            String bulky = "x".repeat(10_000);
            QueueView.Ticket ticket = new QueueView.Ticket(UUID.randomUUID(), "G001", UUID.randomUUID(), bulky, "NORMAL",
                    "Maria S.", "WAITING", Instant.now(), 1, 15L, null, null, 0, null, null);
            for (int i = 0; i < 1500 && live.clients(team.tenant()) > 0; i++) {
                live.publish(team.tenant(), new QueueChange(QueueChanges.Kind.ENQUEUED, ticket, List.of()), null).block(Duration.ofSeconds(5));
            }
            await().atMost(QueueFixtures.BOUND).until(() -> live.clients(team.tenant()) == 0);
        }
    }

    @Test
    void whenTheRoleDoesNotFitTheChannelThenTheHandshakeIsRefused() {
        Team team = fixtures.team();
        fixtures.device(team.tenant(), "panel-1", DeviceKind.PANEL);
        fixtures.device(team.tenant(), "kiosk-1", DeviceKind.KIOSK);
        String panel = fixtures.deviceToken(team.tenant(), "panel-1");
        String kiosk = fixtures.deviceToken(team.tenant(), "kiosk-1");
        http.get().uri("/ws/queue").header("Authorization", "Bearer " + panel).exchange().expectStatus().isForbidden();
        http.get().uri("/ws/queue?access_token=" + kiosk).exchange().expectStatus().isForbidden();
        http.get().uri("/ws/panel").header("Authorization", "Bearer " + kiosk).exchange().expectStatus().isForbidden();
        http.get().uri("/ws/panel").exchange().expectStatus().isUnauthorized();
        http.get().uri("/ws/panel?access_token=forged").exchange().expectStatus().isUnauthorized();
        // the same sockets spelt with percent-encoded letters: the handler mapping decodes them, so must the rules
        for (String path : new String[] {"/ws/%71ueue", "/ws/%71ueue?access_token=" + kiosk, "/w%73/queue", "/ws/%70anel"}) {
            var request = http.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path));
            if (!path.contains("access_token")) {
                request = request.header("Authorization", "Bearer " + kiosk);
            }
            request.exchange().expectStatus().isForbidden();
        }
    }

    @Test
    void whenTheTokenExpiresThenTheSocketClosesWith4401() {
        String tenant = QueueFixtures.newTenant();
        String shortLived = TestTokens.get().tokenFor(Duration.ofSeconds(8), tenant, "op-1", "OPERATOR");
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", shortLived, true, null)) {
            // the token is still accepted for a minute of clock skew: only the socket's own deadline closes it
            long opened = System.nanoTime();
            await().atMost(QueueFixtures.BOUND).until(() -> socket.closeStatus() != null);
            assertThat(socket.closeStatus().getCode()).isEqualTo(4401);
            // open until the token's exp, not refused at once
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void whenTheLoginIsRevokedThenItsSocketClosesWith4403AndOthersStayOpen() {
        Team team = fixtures.team();
        JsonNode login = fixtures.tokens(team.tenant(), "operador");
        try (SocketProbe revoked = SocketProbe.connect(port, "/ws/queue", login.get("accessToken").asString(), false, null);
             SocketProbe other = SocketProbe.connect(port, "/ws/queue", team.manager(), false, null)) {
            assertThat(type(revoked.next())).isEqualTo("snapshot");
            assertThat(type(other.next())).isEqualTo("snapshot");
            http.post().uri("/api/v1/auth/logout").bodyValue(Map.of("refreshToken", login.get("refreshToken").asString()))
                    .exchange().expectStatus().is2xxSuccessful();
            await().atMost(QueueFixtures.BOUND).until(() -> revoked.closeStatus() != null);
            assertThat(revoked.closeStatus().getCode()).isEqualTo(4403);
            assertThat(other.closeStatus()).isNull();
        }
    }

    @Test
    void whenTheUserIsDeactivatedThenTheirSocketClosesWith4403() {
        Team team = fixtures.team();
        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), true, null)) {
            assertThat(type(socket.next())).isEqualTo("snapshot");
            http.put().uri("/api/v1/users/" + team.operatorUser().id()).header("Authorization", "Bearer " + team.manager())
                    .bodyValue(Map.of("active", false)).exchange().expectStatus().is2xxSuccessful();
            await().atMost(QueueFixtures.BOUND).until(() -> socket.closeStatus() != null);
            assertThat(socket.closeStatus().getCode()).isEqualTo(4403);
        }
    }

    @Test
    void whenAChangeComesFromATracedEventOrRequestThenThePushAndItsFrameContinueThatTrace() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build());
        try {
            Team team = fixtures.team();
            UUID ice = UUID.randomUUID();
            try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), false, null)) {
                assertThat(type(socket.next())).isEqualTo("snapshot");

                // ticket.paid as ticket-service's relay sends it, in the trace of the sale
                String sale = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
                TicketPaid paid = QueueFixtures.paid(ice, "Banheira de Gelo", Priority.NORMAL, Instant.now());
                fixtures.publish(EventEnvelope.of("ticket-service", team.tenant(), paid.ticketId().toString(), paid).withTraceparent(sale));
                JsonNode enqueued = socket.next();
                assertThat(enqueued.get("kind").asString()).isEqualTo("ENQUEUED");
                assertThat(enqueued.get("traceparent").asString()).isEqualTo(sale);
                SpanData push = await().atMost(QueueFixtures.BOUND).until(() -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("queue live push") && s.getTraceId().equals("4bf92f3577b34da6a3ce929d0e0e4736"))
                        .findFirst().orElse(null), java.util.Objects::nonNull);
                assertThat(push.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
                assertThat(push.getKind()).isEqualTo(SpanKind.CONSUMER);
                assertThat(push.getAttributes().get(AttributeKey.stringKey("totem.tenant"))).isEqualTo(team.tenant());
                assertThat(push.getAttributes().get(AttributeKey.longKey("totem.queue.live.clients"))).isEqualTo(1L);
                assertThat(push.getAttributes().get(AttributeKey.longKey("totem.queue.live.seq"))).isEqualTo(enqueued.get("seq").asLong());

                // a change made while a request's span is current (the agent's server span) carries that trace
                QueueEntry entry = QueueEntry.waiting(new QueueEntry.Paid(UUID.randomUUID(), team.tenant(), "G900", false, "Ana",
                        "st-" + UUID.randomUUID(), LocalDate.of(2026, 11, 23), Instant.now()), new QueueEntry.Line(ice, "Banheira de Gelo", 15));
                var request = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                        TraceFlags.getSampled(), TraceState.getDefault());
                Mono<Void> publish;
                try (Scope ignored = Span.wrap(request).makeCurrent()) {
                    publish = live.publish(team.tenant(), QueueChanges.Kind.CANCELLED, entry, List.of(ice));
                }
                publish.block(Duration.ofSeconds(10));
                JsonNode cancelled = socket.next(f -> "CANCELLED".equals(f.path("kind").asString()));
                assertThat(cancelled.get("traceparent").asString()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

                // a change without a trace has no traceparent and no push span
                int before = spans.getFinishedSpanItems().size();
                live.publish(team.tenant(), QueueChanges.Kind.CANCELLED, entry, List.of(ice), null).block(Duration.ofSeconds(10));
                JsonNode untraced = socket.next(f -> "CANCELLED".equals(f.path("kind").asString()));
                assertThat(untraced.has("traceparent")).isFalse();
                assertThat(spans.getFinishedSpanItems()).hasSize(before);
            }
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
    }
}
