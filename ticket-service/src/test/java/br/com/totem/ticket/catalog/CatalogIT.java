package br.com.totem.ticket.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.testkit.TestTokens;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class CatalogIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Test
    void whenAKioskAsksForTheCatalogThenOnlyActiveServicesInDisplayOrderComeBack() {
        String tenant = "catalogo";
        UUID second = createOrdered(tenant, "Bota de Compressão", 2);
        UUID first = createOrdered(tenant, "Banheira de Gelo", 1);
        UUID gone = createOrdered(tenant, "Sauna", 0);
        http.delete().uri("/api/v1/services/{id}", gone).headers(h -> h.setBearerAuth(manager(tenant))).exchange()
                .expectStatus().isNoContent();

        JsonNode kioskView = catalog(kiosk(tenant));
        assertThat(kioskView).extracting(n -> n.get("id").asString()).containsExactly(first.toString(), second.toString());
        JsonNode g = kioskView.get(0);
        assertThat(g.get("name").asString()).isEqualTo("Banheira de Gelo");
        assertThat(g.get("priceCents").asLong()).isEqualTo(6000);
        assertThat(g.get("durationMinutes").asInt()).isEqualTo(15);
        assertThat(g.get("color").asString()).isEqualTo("#1E88E5");
        // the TV panel reads the same active list, for the service colours
        assertThat(catalog(TestTokens.get().token(tenant, "panel-1", "PANEL"))).extracting(n -> n.get("id").asString())
                .containsExactly(first.toString(), second.toString());

        assertThat(catalog(operator(tenant))).extracting(n -> n.get("id").asString())
                .containsExactly(gone.toString(), first.toString(), second.toString());
    }

    @Test
    void whenAManagerUpdatesAServiceThenTheChangeShowsAndIsAudited() {
        UUID id = createService(DEMO);
        String prefix = uniquePrefix();
        http.put().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(DEMO)))
                .bodyValue(body("Banheira Premium", prefix, 7500, 20)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Banheira Premium").jsonPath("$.priceCents").isEqualTo(7500);
        http.get().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.prefix").isEqualTo(prefix);
        assertThat(audit.entries(DEMO, "service", id.toString()).collectList().block())
                .extracting(AuditLog.Entry::action).containsExactly("catalog.create", "catalog.update");
    }

    @Test
    void whenAServiceIsAddedEditedOrDeactivatedThenCatalogServiceChangedCarriesItAsItNowIs() {
        UUID id = createService(DEMO);
        String prefix = uniquePrefix();
        http.put().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(DEMO)))
                .bodyValue(body("Bota Premium", prefix, 7500, 25)).exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().isNoContent();

        List<JsonNode> events = outboxEvents(id);
        assertThat(events).extracting(e -> e.get("type").asString()).containsOnly("catalog.service_changed").hasSize(3);
        assertThat(events).extracting(e -> e.get("subject").asString()).containsOnly(id.toString());
        JsonNode edited = events.get(1).get("data");
        assertThat(edited.get("name").asString()).isEqualTo("Bota Premium");
        assertThat(edited.get("prefix").asString()).isEqualTo(prefix);
        assertThat(edited.get("durationMinutes").asInt()).isEqualTo(25);
        assertThat(edited.get("active").asBoolean()).isTrue();
        assertThat(events.get(2).get("data").get("active").asBoolean()).isFalse();
        assertThat(events.get(2).get("data").get("name").asString()).isEqualTo("Bota Premium");
    }

    @Test
    void whenEachFieldIsInvalidThen400NamingItAndNothingIsStored() {
        long before = count("select count(*) from catalog_service");
        Map<String, Map<String, Object>> cases = Map.of(
                "name", with("name", " X "),
                "priceCents", with("priceCents", -1),
                "durationMinutes", with("durationMinutes", 0),
                "prefix", with("prefix", "g1"),
                "color", with("color", "blue"),
                "displayOrder", with("displayOrder", -5),
                "description", with("description", "x".repeat(501)));
        cases.forEach((field, body) -> http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(manager(DEMO)))
                .bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isNotEmpty());
        http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(manager(DEMO))).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(5);
        assertThat(count("select count(*) from catalog_service")).isEqualTo(before);
    }

    @Test
    void whenThePrefixIsTakenInTheTenantThen409ButAnotherTenantMayUseIt() {
        String prefix = uniquePrefix();
        createService(DEMO, "Banheira de Gelo", prefix, 6000, 15);
        http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(manager(DEMO)))
                .bodyValue(body("Outra", prefix, 100, 10)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://totem.dev/problems/prefix-in-use")
                .jsonPath("$.errors[0].field").isEqualTo("prefix");
        createService(OUTRO, "Banheira de Gelo", prefix, 6000, 15);
    }

    @Test
    void whenNotAManagerThenEditingIsForbidden() {
        UUID id = createService(DEMO);
        for (String token : List.of(kiosk(DEMO), operator(DEMO))) {
            http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(token)).bodyValue(body("X y", uniquePrefix(), 1, 1))
                    .exchange().expectStatus().isForbidden();
            http.put().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(token)).bodyValue(body("X y", uniquePrefix(), 1, 1))
                    .exchange().expectStatus().isForbidden();
            http.delete().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
        }
    }

    @Test
    void whenAnotherTenantTriesToReadChangeOrDeactivateAServiceThen404AndNothingChanges() {
        UUID id = createService(DEMO);
        http.get().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(OUTRO))).exchange()
                .expectStatus().isNotFound();
        http.put().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(OUTRO)))
                .bodyValue(body("Roubado", uniquePrefix(), 1, 1)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(OUTRO))).exchange()
                .expectStatus().isNotFound();
        assertThat(catalog(kiosk(OUTRO))).extracting(n -> n.get("id").asString()).doesNotContain(id.toString());
        http.get().uri("/api/v1/services/{id}", id).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true).jsonPath("$.name").value(n ->
                        assertThat((String) n).startsWith("Serviço"));
    }

    private UUID createOrdered(String tenant, String name, int order) {
        Map<String, Object> b = body(name, uniquePrefix(), name.startsWith("Banheira") ? 6000 : 4500, name.startsWith("Banheira") ? 15 : 30);
        b.put("displayOrder", order);
        return UUID.fromString(http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(manager(tenant))).bodyValue(b)
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asString());
    }

    private JsonNode catalog(String token) {
        return http.get().uri("/api/v1/services").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static Map<String, Object> body(String name, String prefix, long price, int minutes) {
        return new HashMap<>(Map.of("name", name, "priceCents", price, "durationMinutes", minutes, "prefix", prefix,
                "color", "#1e88e5"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> b = body("Banheira de Gelo", uniquePrefix(), 6000, 15);
        b.put(field, value);
        return b;
    }
}
