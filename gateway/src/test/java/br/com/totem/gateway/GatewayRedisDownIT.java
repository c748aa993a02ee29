package br.com.totem.gateway;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestInfrastructure;
import br.com.totem.testkit.TestTokens;

/** Redis unreachable: the kiosks keep selling; limits are not enforced until it is back (ADR 0005). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRedisDownIT {

    static final EchoServer ticket = new EchoServer("ticket-service");
    static final EchoServer queue = new EchoServer("queue-service");
    static final TcpProxy redis = new TcpProxy(TestInfrastructure.get().endpoints().redisHost(),
            TestInfrastructure.get().endpoints().redisPort());

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_TICKET_URL", ticket::url);
        registry.add("TOTEM_QUEUE_URL", queue::url);
        registry.add("TOTEM_REDIS_HOST", redis::host);
        registry.add("TOTEM_REDIS_PORT", redis::port);
        registry.add("totem.gateway.rate-limits.key-prefix", () -> "redis-down-" + TestInfrastructure.get().runId() + ":");
    }

    @AfterAll
    static void stop() {
        ticket.close();
        queue.close();
        redis.close();
    }

    @LocalServerPort
    int port;

    @Test
    void whenRedisIsDownThenTicketsAndLoginsStillPassWithoutLimits() {
        var http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        redis.cut();
        String kiosk = "Bearer " + TestTokens.get().token("demo", "kiosk-1", "KIOSK");
        for (int i = 0; i < 8; i++) { // above the login limit of 5
            http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk();
            http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, kiosk)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("ticket-service");
        }
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

        redis.restore();
        // back to limiting once Redis answers again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .returnResult(String.class).getStatus().value() == 429);
    }
}
