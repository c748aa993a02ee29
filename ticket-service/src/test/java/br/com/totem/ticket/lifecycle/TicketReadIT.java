package br.com.totem.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import br.com.totem.testkit.TestTokens;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class TicketReadIT extends IntegrationTest {

    @Test
    void whenAKioskReadsThenItSeesOnlyTheTicketsItCreated() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        assertThat(getTicket(kiosk(DEMO), ticket).get("id").asString()).isEqualTo(ticket.toString());
        http.get().uri("/api/v1/tickets/{id}", ticket).headers(h -> h.setBearerAuth(kiosk(DEMO, "kiosk-2"))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void whenStaffReadThenTheySeeTheirTenantsTicketsAndAnotherTenantCannotTellTheTicketExists() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        for (String token : new String[] {manager(DEMO), operator(DEMO), admin(DEMO)}) {
            assertThat(getTicket(token, ticket).get("status").asString()).isEqualTo("PENDING_PAYMENT");
        }
        String missing = http.get().uri("/api/v1/tickets/{id}", UUID.randomUUID()).headers(h -> h.setBearerAuth(manager(OUTRO)))
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        String foreign = http.get().uri("/api/v1/tickets/{id}", ticket).headers(h -> h.setBearerAuth(manager(OUTRO)))
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        // same answer for "does not exist" and "exists in another tenant", apart from the path
        assertThat(foreign.replace(ticket.toString(), "ID")).isEqualTo(missing.replaceAll("[0-9a-f-]{36}", "ID"));
        http.get().uri("/api/v1/tickets/{id}", ticket).headers(h -> h.setBearerAuth(kiosk(OUTRO))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void whenAPanelAsksForTicketsThenForbidden() {
        String panel = TestTokens.get().token(DEMO, "panel-1", "PANEL");
        http.get().uri("/api/v1/tickets").headers(h -> h.setBearerAuth(panel)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/tickets").headers(h -> h.setBearerAuth(kiosk(DEMO))).exchange().expectStatus().isForbidden();
    }

    @Test
    void whenStaffListWithFiltersThenOnlyMatchingTicketsOfTheirTenantComePaged() {
        UUID service = createService(DEMO);
        UUID other = createService(DEMO);
        for (int i = 0; i < 5; i++) {
            createTicketId(DEMO, service);
        }
        UUID elsewhere = createTicketId(DEMO, other);
        UUID outros = createService(OUTRO);
        createTicketId(OUTRO, outros);

        JsonNode page0 = list(manager(DEMO), "serviceId=" + service + "&size=2&page=0");
        assertThat(page0.get("items")).hasSize(2);
        assertThat(page0.get("totalElements").asLong()).isEqualTo(5);
        assertThat(page0.get("totalPages").asInt()).isEqualTo(3);
        JsonNode page2 = list(manager(DEMO), "serviceId=" + service + "&size=2&page=2");
        assertThat(page2.get("items")).hasSize(1);

        String today = LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
        JsonNode byDay = list(operator(DEMO), "serviceId=" + other + "&status=PENDING_PAYMENT&date=" + today);
        assertThat(byDay.get("items")).singleElement().satisfies(t -> assertThat(t.get("id").asString()).isEqualTo(elsewhere.toString()));
        assertThat(list(manager(DEMO), "serviceId=" + other + "&date=2001-01-01").get("totalElements").asLong()).isZero();
        assertThat(list(manager(DEMO), "serviceId=" + other + "&status=PAID").get("totalElements").asLong()).isZero();
        // another tenant's service id filters to nothing, it does not leak
        assertThat(list(manager(OUTRO), "serviceId=" + service).get("totalElements").asLong()).isZero();
        assertThat(list(manager(DEMO), "serviceId=" + outros).get("totalElements").asLong()).isZero();
    }

    @Test
    void whenPagingOrFiltersAreInvalidThen400NamingTheParameter() {
        for (String[] c : new String[][] {{"size=101", "size"}, {"size=0", "size"}, {"page=-1", "page"},
                {"page=x", "page"}, {"status=PAGO", "status"}, {"serviceId=abc", "serviceId"}, {"date=23/11/2026", "date"}}) {
            http.get().uri("/api/v1/tickets?" + c[0]).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://totem.dev/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo(c[1]);
        }
        assertThat(list(manager(DEMO), "size=100").get("size").asInt()).isEqualTo(100);
    }

    private JsonNode list(String token, String query) {
        return http.get().uri("/api/v1/tickets?" + query).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
