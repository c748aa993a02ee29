package br.com.totem.ticket.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import br.com.totem.ticket.support.Cpfs;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Logs of a full create → pay → read → export → anonymise flow, with our code and Spring's web
 * layer at DEBUG (codecs at TRACE), and of rejected input: no CPF (formatted or not) and no phone anywhere.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.br.com.totem=DEBUG", "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.r2dbc=DEBUG", "logging.level.org.springframework.security=DEBUG",
        // TRACE: codecs log whole bodies instead of their first 100 characters
        "logging.level.org.springframework.web.HttpLogging=TRACE"})
class NoPersonalDataInLogsIT extends IntegrationTest {

    @Test
    void whenATicketIsCreatedPaidReadExportedAndAnonymisedThenNoCpfOrPhoneIsLogged(CapturedOutput output) {
        String cpf = Cpfs.random();
        String phone = "(31) 99123-4567";
        UUID service = createService(DEMO);
        int consent = consentVersion(DEMO);

        JsonNode ticket = postTicket(kiosk(DEMO), UUID.randomUUID().toString(),
                asBytes(ticketBody(service, "Beatriz Rocha", Cpfs.formatted(cpf), phone, consent)))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        UUID id = UUID.fromString(ticket.get("id").asString());
        publish(confirmation(DEMO, id, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(status(DEMO, id)));
        getTicket(kiosk(DEMO), id);
        // rejected input is logged as a 400, never with the value
        postTicket(kiosk(DEMO), UUID.randomUUID().toString(), asBytes(
                ticketBody(service, "Beatriz Rocha", cpf.substring(0, 10) + ((cpf.charAt(10) - '0' + 1) % 10), phone, consent)))
                .expectStatus().isBadRequest();
        // bytes, as a browser sends them: this test's own client logs the objects it encodes
        http.post().uri("/api/v1/customers/export").headers(h -> h.setBearerAuth(manager(DEMO)))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(("{\"cpf\":\"" + cpf + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/customers/anonymisation").headers(h -> h.setBearerAuth(manager(DEMO)))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(("{\"cpf\":\"" + Cpfs.formatted(cpf) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange().expectStatus().isNoContent();

        String logs = output.getAll();
        assertThat(logs).contains("CustomerInput[name=Beatriz Rocha, cpf=***, phone=***]"); // the service's own codec log
        assertThat(logs).contains(id.toString()); // the flow was logged…
        assertThat(logs).doesNotContain(cpf).doesNotContain(Cpfs.formatted(cpf)).doesNotContain(cpf.substring(0, 10))
                .doesNotContain("99123-4567").doesNotContain("991234567"); // …without the person's numbers
    }

    /**
     * This test's HTTP client runs in the same JVM and its codec would log the body it sends; as
     * bytes it logs only their count, so what is captured is what the service logs.
     */
    private byte[] asBytes(Object body) {
        return json.writeValueAsBytes(body);
    }
}
