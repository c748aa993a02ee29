package br.com.totem.queue.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueFixtures.Team;
import br.com.totem.queue.support.QueueIT;
import br.com.totem.queue.support.SocketProbe;
import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12 item 8: with Redis away the operator's socket still starts — a snapshot read from
 * PostgreSQL, marked {@code "live": false} and sent again every heartbeat — instead of failing
 * because the sequence number lives in Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "totem.queue.live.heartbeat=1s")
class LiveWithoutRedisIT extends QueueIT {

    static final TcpProxy redisLink = new TcpProxy(TestInfrastructure.get().endpoints().redisHost(),
            TestInfrastructure.get().endpoints().redisPort());

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_REDIS_HOST", redisLink::host);
        registry.add("TOTEM_REDIS_PORT", redisLink::port);
    }

    @AfterAll
    static void close() {
        redisLink.close();
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void withRedisGoneASocketStartsFromTheDatabaseAndSaysSo() {
        Team team = fixtures.team();
        UUID ice = UUID.randomUUID();
        TicketPaid first = QueueFixtures.paid(ice, "Banheira de Gelo", Priority.NORMAL, Instant.now());
        fixtures.send(team.tenant(), first);
        await().atMost(QueueFixtures.BOUND).until(() -> fixtures.line(team.manager(), ice).size() == 1);

        redisLink.cut();
        await().atMost(QueueFixtures.BOUND).until(() -> {
            try {
                redis.opsForValue().get("probe").block(Duration.ofSeconds(5));
                return false;
            } catch (RuntimeException e) {
                return true;
            }
        });

        try (SocketProbe socket = SocketProbe.connect(port, "/ws/queue", team.operator(), false, null)) {
            JsonNode snapshot = socket.next();
            assertThat(snapshot.get("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.get("live").asBoolean()).isFalse();
            assertThat(snapshot.get("seq").asLong()).isZero();
            assertThat(snapshot.get("lines").get(0).get("waiting").get(0).get("ticketId").asString())
                    .isEqualTo(first.ticketId().toString());

            // a sale while Redis is away reaches the operator with the next snapshot
            TicketPaid second = QueueFixtures.paid(ice, "Banheira de Gelo", Priority.NORMAL, Instant.now());
            fixtures.send(team.tenant(), second);
            JsonNode later = socket.next(f -> "snapshot".equals(f.get("type").asString())
                    && f.get("lines").get(0).get("waiting").size() == 2);
            assertThat(later.get("live").asBoolean()).isFalse();
        } finally {
            redisLink.restore();
        }
    }
}
