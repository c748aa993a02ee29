package br.com.totem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every Totem service must do once booted on the real infrastructure: migrate its own
 * database, report ready only with its dependencies up, expose Prometheus latency histograms,
 * and answer unknown routes with problem+json. A service's boot test extends this.
 */
public abstract class ServiceBootChecks {

    @LocalServerPort
    int port;

    @Autowired
    protected DatabaseClient db;

    protected WebTestClient http;

    @BeforeEach
    void client() {
        // a Prometheus scrape of a context that served many endpoints outgrows the 256 KB default
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void whenBootedThenReadinessIsUpWithDatabaseAndBroker() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.rabbit.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void whenBootedThenFlywayCreatedTheOutboxAndInbox() {
        Long tables = db.sql("select count(*) from information_schema.tables where table_name in ('outbox','inbox')")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
        assertThat(tables).isEqualTo(2L);
    }

    @Test
    void whenRequestsWereServedThenPrometheusShowsLatencyHistograms() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        String scrape = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("http_server_requests_seconds_bucket{")
                .contains("totem_outbox_pending")
                .contains("totem_outbox_lag_seconds");
    }

    @Test
    void whenTokenIsMissingExpiredForgedOrNotMeantForTotemThenProblemJson401() {
        var tokens = TestTokens.get();
        int kind = -1; // 0 none, 1 expired, 2 forged, 3 not a JWT, 4 other issuer, 5 other audience, 6 no audience
        for (String authorization : new String[] {null, "Bearer " + tokens.expiredToken("demo", "gerente", "MANAGER"),
                "Bearer " + tokens.forgedToken("demo", "gerente", "MANAGER"), "Bearer not-a-jwt",
                // signed by a trusted key, but another issuer's or another audience's (issue 12 item 5)
                "Bearer " + tokens.otherIssuerToken("demo", "gerente", "MANAGER"),
                "Bearer " + tokens.otherAudienceToken("other-app", "demo", "gerente", "MANAGER"),
                "Bearer " + tokens.otherAudienceToken(null, "demo", "gerente", "MANAGER")}) {
            kind++;
            var request = http.get().uri("/api/v1/anything");
            if (authorization != null) {
                request = request.header("Authorization", authorization);
            }
            WebTestClient.ResponseSpec response;
            try {
                response = request.exchange();
            } catch (IllegalStateException e) {
                // this check has timed out in three CI runs, never in a local run: say which
                // request, and what every thread was doing, so the next occurrence shows its cause
                System.err.println("ServiceBootChecks: no answer to GET /api/v1/anything with "
                        + "authorization kind " + kind
                        + " within the response timeout: " + e + "\n" + threadDump());
                throw e;
            }
            response.expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/unauthorized");
        }
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (var info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append(info.toString().replace("\n\t...", ""));
            if (info.getStackTrace().length > 8) {
                for (int i = 8; i < Math.min(40, info.getStackTrace().length); i++) {
                    out.append("\tat ").append(info.getStackTrace()[i]).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void whenRouteIsUnknownThenProblemJson404() {
        http.get().uri("/api/v1/no-such-thing")
                .header("Authorization", "Bearer " + TestTokens.get().token("demo", "gerente", "MANAGER"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://totem.dev/problems/not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/v1/no-such-thing");
    }
}
