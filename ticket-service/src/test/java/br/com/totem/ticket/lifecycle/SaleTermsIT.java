package br.com.totem.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import br.com.totem.ticket.support.Cpfs;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The service and consent text a ticket is sold against are remembered per instance (ADR 0007),
 * but a change the instance never saw — made by another instance, or straight in the database as
 * here — still decides the very next ticket.
 */
class SaleTermsIT extends IntegrationTest {

    @Test
    void whenAnotherInstanceDeactivatesAServiceThenTheNextTicketIsRefusedAndNothingIsStored() {
        UUID service = createService(DEMO);
        int consent = consentVersion(DEMO);
        createTicket(DEMO, service, Cpfs.random()); // this instance now knows the service as active
        execute("update catalog_service set active = false where id = '" + service + "'");

        postTicket(kiosk(DEMO), UUID.randomUUID().toString(), ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, consent))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/unknown-service")
                .jsonPath("$.errors[0].field").isEqualTo("serviceId");
        assertThat(count("select count(*) from ticket where service_id = '" + service + "'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where event_type = 'ticket.created' and envelope->'data'->>'serviceId' = '"
                + service + "'")).isEqualTo(1);
    }

    @Test
    void whenAnotherInstanceChangesThePriceThenTheNextTicketAndItsEventCarryTheNewPrice() {
        UUID service = createService(DEMO);
        createTicket(DEMO, service, Cpfs.random());
        execute("update catalog_service set price_cents = 7500, name = 'Banheira Premium' where id = '" + service + "'");

        JsonNode ticket = createTicket(DEMO, service, Cpfs.random());
        assertThat(ticket.get("priceCents").asLong()).isEqualTo(7500);
        assertThat(ticket.get("serviceName").asString()).isEqualTo("Banheira Premium");
        JsonNode created = outboxEvents(UUID.fromString(ticket.get("id").asString())).getFirst();
        assertThat(created.get("data").get("priceCents").asLong()).isEqualTo(7500);
        assertThat(created.get("data").get("serviceName").asString()).isEqualTo("Banheira Premium");
    }

    @Test
    void whenAnotherInstancePublishesANewConsentThenTheOldVersionIsRefusedAndTheNewOneSells() {
        String tenant = "termos-cache";
        UUID service = createService(tenant);
        int v1 = consentVersion(tenant);
        createTicket(tenant, service, Cpfs.random()); // this instance now knows v1 as current
        execute("insert into consent_text (tenant_id, version, body, body_sha256) values ('" + tenant + "', " + (v1 + 1)
                + ", 'Novo termo', encode(sha256('Novo termo'::bytea), 'hex'))");

        postTicket(kiosk(tenant), UUID.randomUUID().toString(), ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, v1))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/consent-outdated")
                .jsonPath("$.errors[0].field").isEqualTo("consent.version");
        assertThat(count("select count(*) from ticket where tenant_id = '" + tenant + "'")).isEqualTo(1);

        String ticketId = postTicket(kiosk(tenant), UUID.randomUUID().toString(),
                ticketBody(service, "Ana Lima", Cpfs.random(), PHONE, v1 + 1))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
        assertThat(count("select count(*) from consent_acceptance where ticket_id = '" + ticketId + "' and version = " + (v1 + 1)
                + " and body_sha256 = encode(sha256('Novo termo'::bytea), 'hex')")).isEqualTo(1);
    }

    @Test
    void whenAKioskRetriesASaleAfterItsServiceWasDeactivatedThenItStillGetsItsTicket() {
        UUID service = createService(DEMO);
        int consent = consentVersion(DEMO);
        String key = UUID.randomUUID().toString();
        String cpf = Cpfs.random();
        String first = postTicket(kiosk(DEMO), key, ticketBody(service, "Ana Lima", cpf, PHONE, consent))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
        execute("update catalog_service set active = false where id = '" + service + "'");

        postTicket(kiosk(DEMO), key, ticketBody(service, "Ana Lima", cpf, PHONE, consent))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(first);
    }

    private void execute(String sql) {
        db.sql(sql).then().block();
    }
}
