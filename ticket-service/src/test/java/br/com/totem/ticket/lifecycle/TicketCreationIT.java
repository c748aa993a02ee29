package br.com.totem.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import br.com.totem.ticket.support.Cpfs;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class TicketCreationIT extends IntegrationTest {

    @Test
    void whenAKioskCreatesATicketThenItWaitsForPaymentAndTicketCreatedIsInTheOutbox() {
        UUID service = createService(DEMO, "Banheira de Gelo", uniquePrefix(), 6000, 15);
        String cpf = Cpfs.random();
        JsonNode ticket = postTicket(kiosk(DEMO), UUID.randomUUID().toString(),
                Map.of("serviceId", service.toString(), "priority", "PREFERENTIAL",
                        "customer", Map.of("name", "  Maria   da Silva ", "cpf", Cpfs.formatted(cpf), "phone", PHONE),
                        "consent", Map.of("version", consentVersion(DEMO), "accepted", true)))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/tickets/[0-9a-f-]{36}")
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(ticket.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(ticket.get("displayName").asString()).isEqualTo("Maria S.");
        assertThat(ticket.get("priority").asString()).isEqualTo("PREFERENTIAL");
        assertThat(ticket.get("priceCents").asLong()).isEqualTo(6000);
        assertThat(ticket.get("statusToken").asString()).hasSize(43);
        assertThat(ticket.has("number")).isFalse();
        assertThat(ticket.toString()).doesNotContain(cpf).doesNotContain(Cpfs.formatted(cpf)).doesNotContain("98765");

        UUID id = UUID.fromString(ticket.get("id").asString());
        List<JsonNode> events = outboxEvents(id);
        assertThat(events).hasSize(1);
        JsonNode created = events.getFirst();
        assertThat(created.get("type").asString()).isEqualTo("ticket.created");
        assertThat(created.get("source").asString()).isEqualTo("ticket-service");
        assertThat(created.get("tenantid").asString()).isEqualTo(DEMO);
        assertThat(created.get("data").get("serviceName").asString()).isEqualTo("Banheira de Gelo");
        assertThat(created.get("data").get("createdBy").asString()).isEqualTo("kiosk-1");
        assertThat(created.get("data").get("displayName").asString()).isEqualTo("Maria S.");
        assertThat(created.toString()).doesNotContain(cpf).doesNotContain("98765");

        assertThat(count("select count(*) from consent_acceptance where ticket_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void whenTheKioskRetriesWithTheSameKeyAndBodyThenTheSameTicketComesBackAndNoSecondIsCreated() {
        UUID service = createService(DEMO);
        String cpf = Cpfs.random();
        String key = UUID.randomUUID().toString();
        int consent = consentVersion(DEMO);
        JsonNode first = postTicket(kiosk(DEMO), key, ticketBody(service, "João Souza", cpf, PHONE, consent))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        // the same person typed differently is the same request
        JsonNode retry = postTicket(kiosk(DEMO), key, ticketBody(service, " João  Souza", Cpfs.formatted(cpf),
                "+55 11 98765-4321", consent))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(retry.get("id")).isEqualTo(first.get("id"));
        assertThat(retry.get("statusToken")).isEqualTo(first.get("statusToken"));
        assertThat(count("select count(*) from ticket where service_id = '" + service + "'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where aggregate_id = '" + first.get("id").asString() + "'")).isEqualTo(1);
    }

    @Test
    void whenTheSameKeyComesWithAnotherBodyThen422AndNothingNewIsStored() {
        UUID service = createService(DEMO);
        String key = UUID.randomUUID().toString();
        int consent = consentVersion(DEMO);
        postTicket(kiosk(DEMO), key, ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent)).expectStatus().isCreated();
        postTicket(kiosk(DEMO), key, ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/idempotency-key-reused");
        // another kiosk of the tenant reusing the key is another request, too
        postTicket(kiosk(DEMO, "kiosk-2"), key, ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent))
                .expectStatus().isEqualTo(422);
        assertThat(count("select count(*) from ticket where service_id = '" + service + "'")).isEqualTo(1);
    }

    @Test
    void whenTheIdempotencyKeyIsMissingOrMalformedThen400AndNothingIsStored() {
        UUID service = createService(DEMO);
        int consent = consentVersion(DEMO);
        for (String key : new String[] {null, "", "has space", "x".repeat(201)}) {
            postTicket(kiosk(DEMO), key, ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent))
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/idempotency-key-required");
        }
        assertThat(count("select count(*) from ticket where service_id = '" + service + "'")).isZero();
    }

    @Test
    void whenTheSameKeyArrivesManyTimesAtOnceThenOneTicketIsCreatedAndEveryAnswerNamesIt() throws Exception {
        UUID service = createService(DEMO);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = ticketBody(service, "Rita Alves", Cpfs.random(), PHONE, consentVersion(DEMO));
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> postTicket(kiosk(DEMO), key, body).expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
        }
        Set<String> ids = new HashSet<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(count("select count(*) from ticket where service_id = '" + service + "'")).isEqualTo(1);
    }

    @Test
    void whenEachFieldIsBadThen400NamingItAndNothingIsStored() {
        UUID service = createService(DEMO);
        int consent = consentVersion(DEMO);
        String cpf = Cpfs.random();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("serviceId", with(ticketBody(service, "Ana Lima", cpf, PHONE, consent), "serviceId", "not-a-uuid"));
        cases.put("customer.name", withCustomer(service, consent, "name", " A "));
        cases.put("customer.cpf", withCustomer(service, consent, "cpf", cpf.substring(0, 10) + ((cpf.charAt(10) - '0' + 1) % 10)));
        cases.put("customer.phone", withCustomer(service, consent, "phone", "(20) 1234"));
        cases.put("priority", with(ticketBody(service, "Ana Lima", cpf, PHONE, consent), "priority", "VIP"));
        cases.put("consent.accepted", with(ticketBody(service, "Ana Lima", cpf, PHONE, consent), "consent",
                Map.of("version", consent, "accepted", false)));
        cases.put("consent.version", with(ticketBody(service, "Ana Lima", cpf, PHONE, consent), "consent",
                Map.of("accepted", true)));
        cases.put("customer", with(ticketBody(service, "Ana Lima", cpf, PHONE, consent), "customer", "Ana"));
        long before = count("select count(*) from ticket") + count("select count(*) from customer")
                + count("select count(*) from idempotency_key") + count("select count(*) from outbox");
        cases.forEach((field, body) -> {
            postTicket(kiosk(DEMO), UUID.randomUUID().toString(), body)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://totem.dev/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo(field)
                    .jsonPath("$.errors[0].message").isNotEmpty();
        });
        // every bad field at once: all named
        postTicket(kiosk(DEMO), UUID.randomUUID().toString(), Map.of("customer", Map.of()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(6);
        long after = count("select count(*) from ticket") + count("select count(*) from customer")
                + count("select count(*) from idempotency_key") + count("select count(*) from outbox");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void whenTheRejectedValueIsACpfThenTheProblemDoesNotEchoIt() {
        UUID service = createService(DEMO);
        String badCpf = "529.982.247-24";
        String body = postTicket(kiosk(DEMO), UUID.randomUUID().toString(),
                ticketBody(service, "Ana Lima", badCpf, "(20) 4444-1234", consentVersion(DEMO)))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("customer.cpf", "customer.phone").doesNotContain("529").doesNotContain("4444");
    }

    @Test
    void whenTheServiceIsUnknownInactiveOrAnotherTenantsThen422NamingServiceIdAndNothingIsStored() {
        int consent = consentVersion(DEMO);
        UUID inactive = createService(DEMO);
        http.delete().uri("/api/v1/services/{id}", inactive).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().isNoContent();
        UUID outros = createService(OUTRO);
        for (UUID service : List.of(UUID.randomUUID(), inactive, outros)) {
            postTicket(kiosk(DEMO), UUID.randomUUID().toString(), ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent))
                    .expectStatus().isEqualTo(422)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://totem.dev/problems/unknown-service")
                    .jsonPath("$.errors[0].field").isEqualTo("serviceId");
        }
        assertThat(count("select count(*) from ticket where service_id in ('" + inactive + "','" + outros + "')")).isZero();
    }

    @Test
    void whenAFieldHasTheWrongJsonTypeThen400NamingIt() {
        UUID service = createService(DEMO);
        Map<String, Object> body = new HashMap<>(ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, 1));
        body.put("consent", Map.of("version", "um", "accepted", true));
        postTicket(kiosk(DEMO), UUID.randomUUID().toString(), body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("consent.version");
    }

    @Test
    void whenACallerIsNotAKioskThenCreatingIsForbidden() {
        UUID service = createService(DEMO);
        postTicket(manager(DEMO), UUID.randomUUID().toString(), ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, 1))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void whenManyTicketsAreCreatedThenEveryStatusTokenIsDistinctAndUnrelatedToTheTicket() {
        UUID service = createService(DEMO);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            JsonNode t = createTicket(DEMO, service, Cpfs.random());
            String token = t.get("statusToken").asString();
            assertThat(token).matches("[A-Za-z0-9_-]{43}").doesNotContain(t.get("id").asString().substring(0, 8));
            tokens.add(token);
        }
        assertThat(tokens).hasSize(30);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> withCustomer(UUID service, int consent, String key, String value) {
        Map<String, Object> customer = new HashMap<>(Map.of("name", "Ana Lima", "cpf", Cpfs.random(), "phone", PHONE));
        customer.put(key, value);
        return with(ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent), "customer", customer);
    }
}
