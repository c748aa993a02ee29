package br.com.totem.queue.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.queue.QueueServiceApplication;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueFixtures.Team;
import br.com.totem.queue.support.SocketProbe;
import br.com.totem.testkit.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Two queue-service instances on one database, vhost and Redis: a change made on either reaches
 * the WebSocket clients of both, and a token issued by one is accepted by the other.
 */
class TwoInstanceFanoutIT {

    /** The tenant whose ADMINs may rotate the suite-wide signing key (TOTEM_QUEUE_KEY_ADMIN_TENANT). */
    static final String KEY_ADMINS = "plataforma-fanout";

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        a = start();
        b = start();
    }

    static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        TestInfrastructure.get().propertiesFor("queue").forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--totem.queue.identity.key-admin-tenant=" + KEY_ADMINS);
        return new SpringApplicationBuilder(QueueServiceApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static int port(ConfigurableApplicationContext c) {
        return ((WebServerApplicationContext) c).getWebServer().getPort();
    }

    static WebTestClient http(ConfigurableApplicationContext c) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(c)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void whenAChangeIsMadeOnOneInstanceThenClientsOfBothReceiveIt() {
        QueueFixtures onA = new QueueFixtures(a, http(a));
        Team team = onA.team(); // tokens issued by instance A
        UUID ice = UUID.randomUUID();

        try (SocketProbe clientOfA = SocketProbe.connect(port(a), "/ws/queue", team.operator(), false, null);
             SocketProbe clientOfB = SocketProbe.connect(port(b), "/ws/queue", team.operator(), false, null)) {
            long seqA = clientOfA.next().get("seq").asLong();
            long seqB = clientOfB.next().get("seq").asLong();
            assertThat(seqB).isEqualTo(seqA);

            // ticket.paid is consumed by whichever instance the broker picks; both clients see it
            TicketPaid paid = QueueFixtures.paid(ice, "Banheira de Gelo", Priority.NORMAL, Instant.now());
            onA.send(team.tenant(), paid);
            for (SocketProbe client : List.of(clientOfA, clientOfB)) {
                JsonNode change = client.next();
                assertThat(change.get("kind").asString()).isEqualTo("ENQUEUED");
                assertThat(change.get("seq").asLong()).isEqualTo(seqA + 1);
            }

            // call-next on instance B (with A's token) reaches the client of A
            WebTestClient httpB = http(b);
            QueueFixtures onB = new QueueFixtures(b, httpB);
            UUID session = onB.openSession(team.operator(), onB.station(team.manager(), "Banheira 1"));
            httpB.post().uri("/api/v1/queue/call-next").header("Authorization", "Bearer " + team.operator())
                    .bodyValue(Map.of("sessionId", session)).exchange().expectStatus().isOk();
            for (SocketProbe client : List.of(clientOfA, clientOfB)) {
                JsonNode change = client.next();
                assertThat(change.get("kind").asString()).isEqualTo("CALLED");
                assertThat(change.get("ticket").get("number").asString()).isEqualTo(paid.number());
                assertThat(change.get("seq").asLong()).isEqualTo(seqA + 2);
            }
        }
    }

    @Test
    void whenOneInstanceRotatesTheKeyThenTheOtherAcceptsTokensSignedWithIt() {
        QueueFixtures onA = new QueueFixtures(a, http(a));
        String tenant = KEY_ADMINS;
        if (a.getBean(br.com.totem.queue.identity.store.UserStore.class).byUsername(tenant, "admin").blockOptional().isEmpty()) {
            onA.user(tenant, "admin", null, "ADMIN");
        }
        String before = onA.login(tenant, "admin");
        http(a).post().uri("/api/v1/auth/keys/rotate").header("Authorization", "Bearer " + before).exchange().expectStatus().isOk();
        String after = onA.login(tenant, "admin");
        for (String token : List.of(before, after)) {
            await().atMost(QueueFixtures.BOUND).untilAsserted(() -> http(b).get().uri("/api/v1/users")
                    .header("Authorization", "Bearer " + token).exchange().expectStatus().isOk());
        }
    }
}
