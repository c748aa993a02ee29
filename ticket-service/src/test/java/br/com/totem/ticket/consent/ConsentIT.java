package br.com.totem.ticket.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.support.Cpfs;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class ConsentIT extends IntegrationTest {

    @Test
    void whenTheManagerPublishesANewTextThenKiosksGetItAndTicketsAcceptingTheOldVersionAreRefused() {
        String tenant = "consentimento";
        UUID service = createService(tenant);
        int v1 = consentVersion(tenant);
        String text = "Autorizo o uso do meu nome, CPF e telefone para emissão da senha (versão nova).";
        JsonNode v2 = http.post().uri("/api/v1/consents").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(Map.of("text", text)).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(v2.get("version").asInt()).isEqualTo(v1 + 1);

        JsonNode current = http.get().uri("/api/v1/consents/current").headers(h -> h.setBearerAuth(kiosk(tenant))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(current.get("version").asInt()).isEqualTo(v1 + 1);
        assertThat(current.get("text").asString()).isEqualTo(text);

        postTicket(kiosk(tenant), UUID.randomUUID().toString(), ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, v1))
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://totem.dev/problems/consent-outdated")
                .jsonPath("$.errors[0].field").isEqualTo("consent.version");

        UUID ticket = UUID.fromString(postTicket(kiosk(tenant), UUID.randomUUID().toString(),
                ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, v1 + 1))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
        var acceptance = db.sql("select version, body_sha256, accepted_at from consent_acceptance where ticket_id = :t")
                .bind("t", ticket)
                .map(r -> Map.of("version", r.get("version", Integer.class), "sha", r.get("body_sha256", String.class),
                        "at", r.get("accepted_at", java.time.Instant.class)))
                .one().block();
        assertThat(acceptance.get("version")).isEqualTo(v1 + 1);
        assertThat(acceptance.get("sha")).isEqualTo(ConsentText.sha256(text));
        assertThat(acceptance.get("at")).isNotNull();
    }

    @Test
    void whenATenantHasNoTextYetThen404AndEachTenantSeesOnlyItsOwn() {
        http.get().uri("/api/v1/consents/current").headers(h -> h.setBearerAuth(kiosk("sem-termo"))).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/consents").headers(h -> h.setBearerAuth(manager("termo-a")))
                .bodyValue(Map.of("text", "Termo do tenant A")).exchange().expectStatus().isCreated();
        http.get().uri("/api/v1/consents/current").headers(h -> h.setBearerAuth(kiosk("termo-b"))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void whenTheTextIsBlankOrTheCallerIsNotAManagerThenRefused() {
        http.post().uri("/api/v1/consents").headers(h -> h.setBearerAuth(manager(DEMO))).bodyValue(Map.of("text", " "))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        http.post().uri("/api/v1/consents").headers(h -> h.setBearerAuth(kiosk(DEMO))).bodyValue(Map.of("text", "x"))
                .exchange().expectStatus().isForbidden();
    }
}
