package br.com.totem.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestInfrastructure;
import br.com.totem.testkit.TestTokens;

/**
 * Issue 12 item 8, Redis down (its link cut by a proxy): commands are refused at once instead of
 * queueing until their timeout, ticket sales go through (limits fail open, ADR 0005), and logins
 * are still limited per address — in this instance's memory — instead of not at all; readiness
 * says Redis is down, and the shared limits return with it. Item 7: a
 * client's own X-Forwarded-For never picks its limit key; a trusted proxy's does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRedisDownIT {

    static final EchoServer ticket = new EchoServer("ticket-service");
    static final EchoServer queue = new EchoServer("queue-service");
    static final TcpProxy redisLink = new TcpProxy(TestInfrastructure.get().endpoints().redisHost(),
            TestInfrastructure.get().endpoints().redisPort());

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_TICKET_URL", ticket::url);
        registry.add("TOTEM_QUEUE_URL", queue::url);
        registry.add("TOTEM_REDIS_HOST", redisLink::host);
        registry.add("TOTEM_REDIS_PORT", redisLink::port);
        registry.add("totem.gateway.rate-limits.key-prefix", () -> "test-down-" + TestInfrastructure.get().runId() + ":");
        registry.add("totem.gateway.rate-limits.auth-per-minute-per-address", () -> "3");
        // the load balancer in front of the gateway is this machine
        registry.add("TOTEM_GATEWAY_TRUSTED_PROXIES", () -> "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        ticket.close();
        queue.close();
        redisLink.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void withRedisGoneSalesPassAndLoginsAreStillLimitedPerAddress() {
        // connected first, as in production, then the link dies
        assertThat(redis.opsForValue().set("gateway-down-probe", "1").block(Duration.ofSeconds(10))).isTrue();
        redisLink.cut();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                redis.opsForValue().get("gateway-down-probe").block(Duration.ofSeconds(10));
                return false;
            } catch (RuntimeException e) {
                failure.set(org.assertj.core.util.Throwables.getRootCause(e));
                return failure.get() != null && !(failure.get() instanceof io.lettuce.core.RedisCommandTimeoutException);
            }
        });
        // refused at once ("Commands are rejected"), not queued until the command timeout
        assertThat(failure.get()).hasMessageContaining("rejected");

        String kiosk = "Bearer " + TestTokens.get().token("demo", "kiosk-1", "KIOSK");
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, kiosk).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isOk();
        }

        // one address behind the trusted proxy: three logins a minute, counted locally while Redis is away
        for (int i = 0; i < 3; i++) {
            login("203.0.113.50").expectStatus().isOk();
        }
        login("203.0.113.50").expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // another client behind the same proxy is not affected
        login("203.0.113.51").expectStatus().isOk();
        // operators see it: readiness includes Redis
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

        redisLink.restore();
        // back to the shared limits once Redis answers again
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> redis.opsForValue().get("gateway-down-probe")
                .onErrorReturn("down").block(Duration.ofSeconds(5)).equals("1"));
        for (int i = 0; i < 3; i++) {
            login("203.0.113.52").expectStatus().isOk();
        }
        login("203.0.113.52").expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec login(String client) {
        return http.post().uri("/api/v1/auth/login").header("X-Forwarded-For", client).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange();
    }
}
