package br.com.totem.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.testkit.TestInfrastructure;
import br.com.totem.testkit.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Issue 12's two High findings, against the gateway with stand-in downstreams and real Redis:
 * every limit and rule is decided on one canonical path, and a service's own error answers
 * neither open a breaker nor lose their body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.gateway.rate-limits.tickets-per-minute-per-tenant=3",
        "totem.gateway.rate-limits.auth-per-minute-per-address=4"})
class GatewayHardeningIT {

    static final EchoServer ticket = new EchoServer("ticket-service");
    static final EchoServer payment = new EchoServer("payment-service");
    static final EchoServer queue = new EchoServer("queue-service");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_TICKET_URL", ticket::url);
        registry.add("TOTEM_PAYMENT_URL", payment::url);
        registry.add("TOTEM_QUEUE_URL", queue::url);
        // a prefix of its own: this class owns the auth bucket of 127.0.0.1 in this run
        registry.add("totem.gateway.rate-limits.key-prefix", () -> "test-" + TestInfrastructure.get().runId() + "-hardening:");
    }

    @AfterAll
    static void stop() {
        ticket.close();
        payment.close();
        queue.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    WebTestClient http;
    final TestTokens tokens = TestTokens.get();

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    /** A raw path sent as it is written, never re-encoded by the client. */
    WebTestClient.RequestBodySpec raw(HttpMethod method, String rawPath) {
        return http.method(method).uri(URI.create("http://127.0.0.1:" + port + rawPath));
    }

    String kiosk(String tenant) {
        return "Bearer " + tokens.token(tenant, "kiosk-1", "KIOSK");
    }

    @Test
    void whenTheAuthPathIsSpelledDifferentlyThenItSharesTheAuthLimit() {
        String[] spellings = {"/api/v1/%61uth/login", "/api//v1/auth/login", "/api/v1/./auth/login", "/api/v1/x/../auth/login/"};
        for (String spelling : spellings) {
            raw(HttpMethod.POST, spelling).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk()
                    // the service gets the canonical path too
                    .expectBody().jsonPath("$.path").isEqualTo("/api/v1/auth/login");
        }
        for (String spelling : spellings) {
            raw(HttpMethod.POST, spelling).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        raw(HttpMethod.POST, "/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429);
    }

    @Test
    void whenTheTicketsPathIsEncodedThenThePerTenantTicketLimitStillApplies() {
        String token = kiosk("t" + UUID.randomUUID().toString().substring(0, 8));
        String[] spellings = {"/api/v1/%74ickets", "/api/v1/tickets/", "/api/v1/%74%69ckets"};
        for (String spelling : spellings) {
            raw(HttpMethod.POST, spelling).header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo("/api/v1/tickets");
        }
        // a bucket of 3 per minute: the fourth, however spelled, waits (at most one refilled meanwhile)
        int refused = 0;
        for (String spelling : new String[] {"/api/v1/%74ickets", "/api/v1/%74ickets", "/api/v1/tickets"}) {
            int status = raw(HttpMethod.POST, spelling).header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().returnResult(String.class).getStatus().value();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isGreaterThanOrEqualTo(2);
    }

    @Test
    void whenAProtectedPathIsSpelledDifferentlyThenItGetsThePlainPathsAnswer() {
        for (String spelling : new String[] {"/api/v1/customers/export", "/api//v1/customers/export", "/api/v1/%63ustomers/export",
                "/api/v1/customers/./export", "/api/v1/tickets/../customers/export"}) {
            raw(HttpMethod.GET, spelling).header(HttpHeaders.AUTHORIZATION, kiosk("demo")).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/forbidden");
        }
    }

    @Test
    void whenAPathHasNoSingleMeaningThen400Problem() {
        for (String spelling : new String[] {"/api/v1%2Fauth/login", "/api/v1/auth%2flogin", "/api/v1/tickets;jsessionid=1",
                "/api/v1/%5Ctickets", "/api/../../etc/passwd"}) {
            raw(HttpMethod.POST, spelling).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/malformed-request");
        }
    }

    @Test
    void whenPaymentServiceAnswersItsOwn503sThenEachBodyReachesTheKioskAndTheBreakerStaysClosed() {
        String token = kiosk("banco-fora");
        // more than the breaker's window (20 calls, 10 minimum, 50 %): on the old rules it opened
        for (int i = 0; i < 25; i++) {
            http.post().uri("/api/v1/payments/link").header(HttpHeaders.AUTHORIZATION, token).header("X-Echo-Status", i % 5 == 0 ? "502" : "503")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"ticketId\":\"x\"}").exchange()
                    .expectStatus().isEqualTo(i % 5 == 0 ? 502 : 503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://totem.dev/problems/psp-unavailable")
                    .jsonPath("$.manualPaymentAvailable").isEqualTo(true)
                    .jsonPath("$.service").isEqualTo("payment-service");
        }
        assertThat(breakers.getCircuitBreakerRegistry().circuitBreaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        // another tenant, whose bank works, still gets its link through the same route
        http.post().uri("/api/v1/payments/link").header(HttpHeaders.AUTHORIZATION, kiosk("banco-ok"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"ticketId\":\"y\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("payment-service");
    }

    @Test
    void whenTheChargeBreakerIsOpenThenWebhooksAndManualPaymentsStillGoThrough() {
        String manager = "Bearer " + tokens.token("demo", "gerente", "MANAGER");
        http.post().uri("/api/v1/payments/manual").header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        CircuitBreaker charge = breakers.getCircuitBreakerRegistry().circuitBreaker("payment");
        charge.transitionToForcedOpenState();
        try {
            http.post().uri("/api/v1/payments/link").header(HttpHeaders.AUTHORIZATION, kiosk("demo"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/service-unavailable");
            http.post().uri("/api/v1/payments/manual").header(HttpHeaders.AUTHORIZATION, manager)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo("/api/v1/payments/manual");
            http.post().uri("/api/v1/payments/webhook/pix").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo("/api/v1/payments/webhook/pix");
        } finally {
            charge.transitionToClosedState();
        }
    }
}
