package br.com.totem.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.testkit.TestInfrastructure;
import br.com.totem.testkit.TestTokens;

/** The gateway in front of stand-in downstreams, with real Redis and a real JWKS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT {

    static final EchoServer ticket = new EchoServer("ticket-service");
    static final EchoServer payment = new EchoServer("payment-service");
    static final EchoServer queue = new EchoServer("queue-service");
    static final EchoServer report = new EchoServer("report-service");
    static final int closedPort = freePort();

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_TICKET_URL", ticket::url);
        registry.add("TOTEM_PAYMENT_URL", payment::url);
        registry.add("TOTEM_QUEUE_URL", queue::url);
        registry.add("TOTEM_REPORT_URL", report::url);
        registry.add("TOTEM_PRINT_URL", () -> "http://127.0.0.1:" + closedPort); // print-service is down
        registry.add("totem.gateway.rate-limits.key-prefix", () -> "test-" + TestInfrastructure.get().runId() + ":");
        registry.add("totem.gateway.cors-allowed-origins", () -> "https://kiosk.studio.example");
        registry.add("totem.gateway.rate-limits.tokens-per-minute-per-address", () -> "12");
    }

    @AfterAll
    static void stop() {
        ticket.close();
        payment.close();
        queue.close();
        report.close();
    }

    @LocalServerPort
    int port;

    WebTestClient http;
    final TestTokens tokens = TestTokens.get();

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    String kiosk(String tenant) {
        return "Bearer " + tokens.token(tenant, "kiosk-1", "KIOSK");
    }

    String manager(String tenant) {
        return "Bearer " + tokens.token(tenant, "gerente", "MANAGER");
    }

    @Test
    void whenTokenIsValidThenEachPathReachesItsServiceWithTheTokenRelayed() {
        String token = kiosk("demo");
        http.get().uri("/api/v1/services").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.service").isEqualTo("ticket-service")
                .jsonPath("$.path").isEqualTo("/api/v1/services")
                .jsonPath("$.headers.authorization").isEqualTo(token);
        http.post().uri("/api/v1/payments/link").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"ticketId\":\"x\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("payment-service");
        http.get().uri("/api/v1/reports/daily?date=2026-11-23").header(HttpHeaders.AUTHORIZATION, manager("demo")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("report-service");
        http.get().uri("/api/v1/queue").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("demo", "op", "OPERATOR"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("queue-service");
    }

    @Test
    void whenPathIsPublicThenNoTokenIsNeeded() {
        // /api/v1/auth/** is public too: whenAnAddressTriesToLogInASixthTimeInAMinuteThen429 logs in without a token
        http.post().uri("/api/v1/payments/webhook/pix").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("payment-service");
        http.get().uri("/api/v1/public/queue/abc").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("queue-service");
    }

    @Test
    void whenTokenIsMissingExpiredForgedOrNotMeantForTotemThen401Problem() {
        for (String auth : new String[] {null, "Bearer " + tokens.expiredToken("demo", "kiosk-1", "KIOSK"),
                "Bearer " + tokens.forgedToken("demo", "kiosk-1", "KIOSK"),
                "Bearer " + tokens.otherIssuerToken("demo", "kiosk-1", "KIOSK"),
                "Bearer " + tokens.otherAudienceToken("other-app", "demo", "kiosk-1", "KIOSK"),
                "Bearer " + tokens.otherAudienceToken(null, "demo", "kiosk-1", "KIOSK")}) {
            var request = http.get().uri("/api/v1/services");
            if (auth != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, auth);
            }
            request.exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/unauthorized");
        }
    }

    @Test
    void whenATokenComesInTheQueryThenOnlyASocketTakesItAndNoServiceSeesItInTheUrl() {
        String token = tokens.token("demo", "op", "OPERATOR");
        // not a socket: a token in the URL authenticates nothing (issue 12 item 12)...
        http.get().uri("/api/v1/queue?access_token=" + token).exchange().expectStatus().isUnauthorized();
        // ...and is not forwarded
        http.get().uri("/api/v1/queue?serviceId=s1&access_token=" + token).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.query").isEqualTo("serviceId=s1");
        // a socket (as browsers open them): the token travels on as the Authorization header, not in the URL
        http.get().uri("/ws/queue?since=4&access_token=" + token).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.path").isEqualTo("/ws/queue")
                .jsonPath("$.query").isEqualTo("since=4")
                .jsonPath("$.headers.authorization").isEqualTo("Bearer " + token);
    }

    @Test
    void whenRoleIsWrongThen403Problem() {
        http.post().uri("/api/v1/customers/export").header(HttpHeaders.AUTHORIZATION, kiosk("demo"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"cpf\":\"12345678909\"}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/forbidden");
        http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("demo", "op", "OPERATOR"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isForbidden();
        http.get().uri("/ws/panel").header(HttpHeaders.AUTHORIZATION, kiosk("demo")).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/stations").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("demo", "op", "OPERATOR"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/services").header(HttpHeaders.AUTHORIZATION, kiosk("demo"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isForbidden();
        // the TV panel reads the catalog list (service colours) and nothing more of it
        String panel = "Bearer " + tokens.token("demo", "panel-1", "PANEL");
        http.get().uri("/api/v1/services").header(HttpHeaders.AUTHORIZATION, panel).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/services/abc").header(HttpHeaders.AUTHORIZATION, panel).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/queue").header(HttpHeaders.AUTHORIZATION, panel).exchange().expectStatus().isForbidden();
    }

    @Test
    void whenClientSendsIdentityHeadersThenTheyAreStripped() {
        http.get().uri("/api/v1/tickets/123").header(HttpHeaders.AUTHORIZATION, kiosk("demo"))
                .header("X-Tenant", "outro").header("X-Tenant-Id", "outro").header("X-User-Id", "admin")
                .header("X-Roles", "ADMIN").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.headers.x-tenant").doesNotExist()
                .jsonPath("$.headers.x-tenant-id").doesNotExist()
                .jsonPath("$.headers.x-user-id").doesNotExist()
                .jsonPath("$.headers.x-roles").doesNotExist();
    }

    @Test
    void whenTenantCreatesTheHundredAndFirstTicketInAMinuteThen429WithRetryAfter() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        String token = kiosk(tenant);
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        }
        // a token bucket of 100 refilled at 100/min: only what refilled while we sent may pass
        int extra = 0;
        while (http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .returnResult(String.class).getStatus().value() == 200) {
            extra++;
            assertThat(extra).isLessThan(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the bucket script reads Redis TIME in whole seconds: a window of s seconds refills at
        // most floor(s) + 1 times, 100 tokens (100/60 of a request) each
        assertThat(extra).isLessThanOrEqualTo((int) Math.ceil((Math.floor(seconds) + 1) * 100 / 60.0));
        http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/too-many-requests");
        // another tenant is not affected
        http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, kiosk(tenant + "b"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
    }

    @Test
    void whenAnAddressTriesToLogInASixthTimeInAMinuteThen429() {
        // every test shares 127.0.0.1: this test owns the auth bucket of this run
        for (int i = 1; i <= 5; i++) {
            http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk();
        }
        http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "12");
    }

    @Test
    void whenAStudioPairsManyDevicesFromOneAddressThenDeviceTokensHaveTheirOwnLimit() {
        // twelve device tokens a minute from one address: more than the five logins, its own bucket
        // (this test owns the tokens bucket of this run)
        for (int i = 1; i <= 12; i++) {
            String path = i % 3 == 0 ? "/api/v1/auth/refresh" : "/api/v1/auth/device-token";
            http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk();
        }
        http.post().uri("/api/v1/auth/device-token").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void whenBodyIsOverOneMebibyteThen413Problem() {
        byte[] body = new byte[2 * 1024 * 1024];
        http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, kiosk("demo"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/payload-too-large");
    }

    @Test
    void whenDownstreamIsDownThen503ProblemFast() {
        long start = System.nanoTime();
        http.get().uri("/api/v1/printers").header(HttpHeaders.AUTHORIZATION, manager("demo")).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/service-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void whenAKioskAsksForItsTicketsPrintJobsThenTheGatewayLetsItThroughButNotToThePdfs() {
        // print-service is down here: getting past the gateway's rules shows as its 503, a refusal as 403
        http.get().uri("/api/v1/print-jobs?ticketId={id}", java.util.UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, kiosk("demo")).exchange().expectStatus().isEqualTo(503);
        http.get().uri("/api/v1/print-jobs/{id}/pdf", java.util.UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, kiosk("demo")).exchange().expectStatus().isForbidden();
        // a CloudPRNT printer carries no bearer token: the gateway passes it to print-service, which checks its own
        http.post().uri("/api/v1/cloudprnt").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"statusCode\":\"200%20OK\"}")
                .exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void whenOriginIsAllowedThenPreflightSucceedsAndOtherwiseIsRefused() {
        http.options().uri("/api/v1/tickets").header("Origin", "https://kiosk.studio.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key,content-type").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://kiosk.studio.example");
        http.options().uri("/api/v1/tickets").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void webAppsAreServedWithSecurityHeaders() {
        http.get().uri("/kiosk/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"))
                .expectBody(String.class).value(html -> assertThat(html).contains("Autoatendimento"));
        http.get().uri("/operator/").exchange().expectStatus().isOk();
        http.get().uri("/panel/").exchange().expectStatus().isOk();
    }

    @Test
    void accessLogNeverCarriesTokens(CapturedOutput output) {
        String token = tokens.token("demo", "op", "OPERATOR");
        http.get().uri("/ws/queue?access_token=" + token).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/queue").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/public/queue/secret-status-token").exchange().expectStatus().isOk();
        http.post().uri("/api/v1/payments/webhook/demo/secret-webhook-0123456789/pix").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isOk();
        // the line is written when the exchange completes, which may be just after the client has its answer
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getOut().contains("/api/v1/payments/webhook/demo/***/pix"));
        assertThat(output.getOut()).contains("\"url\":{\"path\":\"/api/v1/queue\"}")
                .contains("\"url\":{\"path\":\"/ws/queue\"}")
                .contains("/api/v1/public/queue/***")
                .doesNotContain(token)
                .doesNotContain("secret-status-token")
                .doesNotContain("secret-webhook-0123456789");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
