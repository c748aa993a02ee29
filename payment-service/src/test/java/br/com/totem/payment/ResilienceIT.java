package br.com.totem.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import br.com.totem.payment.provider.bacen.BacenPixProvider;
import br.com.totem.payment.support.PaymentIT;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The PSP failing every call: the kiosk gets a fast 503 problem with Retry-After, and all recovers with the PSP. */
class ResilienceIT extends PaymentIT {

    @Autowired
    BacenPixProvider provider;

    @Test
    void whenThePspFailsEveryCallThenTheBreakerOpensTheKioskGets503FastAndItRecovers() {
        UUID ticketId = ticket(6000);
        sandbox.control().put().uri("/sandbox/faults").bodyValue(Map.of("errorRate", 1.0)).exchange().expectStatus().isOk();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            link(ticketId).expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://totem.dev/problems/psp-unavailable")
                    .jsonPath("$.manualPaymentAvailable").isEqualTo(true);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(provider.circuitBreaker(tenant).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // with the breaker open the PSP is not even called: the answer is immediate
        long start = System.nanoTime();
        link(ticketId).expectStatus().isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(count("select count(*) from charges where ticket_id = '" + ticketId + "' and status = 'CREATING'")).isEqualTo(1);

        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("resilience4j_circuitbreaker_state").contains("name=\"bacenPix-" + tenant + "\"")
                .contains("resilience4j_retry_calls").contains("resilience4j_bulkhead_available_concurrent_calls");

        sandbox.control().delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> link(ticketId).returnResult(String.class).getStatus().value() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.circuitBreaker(tenant).getState() == CircuitBreaker.State.CLOSED
                || provider.circuitBreaker(tenant).getState() == CircuitBreaker.State.HALF_OPEN);
        link(ticketId).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
    }
}
