package br.com.totem.queue.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueIT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue 12 item 4: a login must not hold a pooled connection (or the throttle row's lock) while
 * the deliberately slow hash check runs. Here the check is held open by a gate; with more logins
 * inside it than the pool has connections, a refresh — which needs the database — still answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=3"})
@Import(LoginConnectionsIT.GatedEncoder.class)
class LoginConnectionsIT extends QueueIT {

    /** BCrypt whose {@code matches} waits at a gate while it is closed, counting who waits. */
    @TestConfiguration
    static class GatedEncoder {
        static final AtomicInteger WAITING = new AtomicInteger();
        static volatile CountDownLatch gate = new CountDownLatch(0);

        @Bean
        @Primary
        PasswordEncoder gatedEncoder() {
            BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
            return new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return bcrypt.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    WAITING.incrementAndGet();
                    try {
                        if (!gate.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        WAITING.decrementAndGet();
                    }
                    return bcrypt.matches(raw, encoded);
                }
            };
        }
    }

    @Test
    void whileLoginsWaitOnTheHashCheckTheDatabaseStaysAvailable() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        String refresh = fixtures.tokens(tenant, "gerente").get("refreshToken").asString();
        List<String> names = List.of("a", "b", "c", "d", "e");
        names.forEach(n -> fixtures.user(tenant, "op-" + n, null, "OPERATOR"));

        CountDownLatch gate = new CountDownLatch(1);
        GatedEncoder.gate = gate;
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Mono<List<Integer>> logins = Flux.fromIterable(names)
                .flatMap(n -> client.post().uri("/api/v1/auth/login")
                        .bodyValue(Map.of("tenant", tenant, "username", "op-" + n, "password", QueueFixtures.PASSWORD))
                        .exchangeToMono(r -> Mono.just(r.statusCode().value())))
                .collectList()
                .cache();
        logins.subscribe();
        try {
            // more logins inside the hash check than the pool (3) has connections
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GatedEncoder.WAITING.get() == names.size());

            Integer status = client.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh))
                    .exchangeToMono(r -> Mono.just(r.statusCode().value()))
                    .block(Duration.ofSeconds(15));
            assertThat(status).as("a refresh while logins check their hashes").isEqualTo(200);
        } finally {
            gate.countDown();
        }
        assertThat(logins.block(Duration.ofSeconds(30))).containsOnly(200);
    }
}
