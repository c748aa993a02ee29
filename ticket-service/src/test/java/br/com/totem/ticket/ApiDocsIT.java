package br.com.totem.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** springdoc describes every endpoint, its roles' security scheme and its problem responses, without a token. */
class ApiDocsIT extends IntegrationTest {

    @Test
    void whenTheOpenApiDocumentIsFetchedThenEveryEndpointAndTheBearerSchemeAreThere() {
        JsonNode doc = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(doc.get("info").get("title").asString()).isEqualTo("Totem ticket-service");
        JsonNode paths = doc.get("paths");
        for (String path : new String[] {"/api/v1/services", "/api/v1/services/{id}", "/api/v1/consents/current",
                "/api/v1/consents", "/api/v1/tickets", "/api/v1/tickets/{id}", "/api/v1/tickets/{id}/cancel",
                "/api/v1/customers/anonymisation", "/api/v1/customers/export", "/api/v1/customers/re-encryption"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        // a CPF only ever travels in a body (issue 12): no operation of this service takes it as a parameter
        assertThat(paths.toString()).doesNotContain("\"name\":\"cpf\"");
        assertThat(paths.get("/api/v1/customers/export").has("post")).isTrue();
        JsonNode create = paths.get("/api/v1/tickets").get("post");
        assertThat(create.get("responses").has("422")).isTrue();
        assertThat(create.get("parameters").toString()).contains("Idempotency-Key");
        assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
        // relative: read through the gateway, "Try it out" calls the gateway, never this service's own port (issue 12 Low)
        assertThat(doc.get("servers").get(0).get("url").asString()).isEqualTo("/");
    }
}
