package br.com.totem.ticket.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.ticket.customer.crypto.BlindIndex;
import br.com.totem.ticket.customer.crypto.PiiCipher;
import br.com.totem.ticket.customer.store.CustomerStore;
import br.com.totem.ticket.support.Cpfs;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class CustomerPrivacyIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    CustomerRetention retention;

    @Autowired
    PiiCipher cipher;

    @Autowired
    BlindIndex index;

    @Test
    void whenTheWholeDatabaseIsSearchedForACustomersCpfOrPhoneThenNothingIsFound() {
        UUID service = createService(DEMO);
        String cpf = Cpfs.random();
        String phone = "(21) 99876-5432";
        UUID ticket = UUID.fromString(postTicket(kiosk(DEMO), UUID.randomUUID().toString(),
                ticketBody(service, "Carla Mendes", Cpfs.formatted(cpf), phone, consentVersion(DEMO)))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
        dispatchPaid(ticket);
        // export and anonymise write audit rows too: they must not hold it either
        export(manager(DEMO), cpf).expectStatus().isOk();

        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .map(r -> r.get("table_name", String.class)).all().collectList().block();
        assertThat(tables).contains("customer", "ticket", "outbox", "audit_log", "idempotency_key", "consent_acceptance");
        for (String needle : List.of(cpf, Cpfs.formatted(cpf), "99876-5432", "998765432")) {
            for (String table : tables) {
                long hits = count("select count(*) from \"" + table + "\" t where t::text like '%" + needle + "%'");
                assertThat(hits).as(needle.length() + "-character needle in " + table).isZero();
            }
        }
        assertThat(count("select count(*) from customer where cpf_cipher like 'k2:%' and phone_cipher like 'k2:%' and cpf_index = '"
                + index.of(DEMO, cpf) + "'")).isEqualTo(1);
    }

    @Test
    void whenAManagerExportsAPersonThenEverythingHeldComesBackWithTheCpfMaskedAndTheExportIsAudited() {
        UUID service = createService(DEMO);
        String cpf = Cpfs.random();
        JsonNode t1 = createTicket(DEMO, service, cpf);
        JsonNode t2 = createTicket(DEMO, service, Cpfs.formatted(cpf));
        dispatchPaid(UUID.fromString(t2.get("id").asString()));

        JsonNode export = export(manager(DEMO), Cpfs.formatted(cpf)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode person = export.get("customer");
        assertThat(person.get("name").asString()).isEqualTo("Maria da Silva");
        assertThat(person.get("cpf").asString()).isEqualTo("***." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-**");
        assertThat(person.get("phone").asString()).isEqualTo("+5511987654321");
        assertThat(export.get("tickets")).extracting(t -> t.get("id").asString())
                .containsExactly(t1.get("id").asString(), t2.get("id").asString());
        assertThat(export.get("tickets").get(1).get("number").asString()).isNotBlank();
        assertThat(export.get("consents")).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("bodySha256").asString()).hasSize(64));

        String customerId = person.get("id").asString();
        assertThat(audit.entries(DEMO, "customer", customerId).collectList().block()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("customer.export");
            assertThat(e.actor()).isEqualTo("gerente");
            assertThat(e.details()).contains("***.").doesNotContain(cpf);
        });
    }

    @Test
    void whenAManagerAnonymisesAPersonThenCpfPhoneAndNameAreGoneButTheTicketFactsStay() {
        UUID service = createService(DEMO);
        String cpf = Cpfs.random();
        UUID ticket = UUID.fromString(createTicket(DEMO, service, cpf).get("id").asString());
        dispatchPaid(ticket);
        UUID someoneElses = UUID.fromString(createTicket(DEMO, service, Cpfs.random()).get("id").asString());
        String customerId = export(manager(DEMO), cpf).expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("customer").get("id").asString();

        anonymise(manager(DEMO), Cpfs.formatted(cpf)).expectStatus().isNoContent();

        export(manager(DEMO), cpf).expectStatus().isNotFound();
        var row = db.sql("select cpf_index, cpf_cipher, phone_cipher, name, anonymised_at from customer where id = :id")
                .bind("id", UUID.fromString(customerId))
                .map(r -> new Object[] {r.get("cpf_index"), r.get("cpf_cipher"), r.get("phone_cipher"), r.get("name"),
                        r.get("anonymised_at")})
                .one().block();
        assertThat(row[0]).isNull();
        assertThat(row[1]).isNull();
        assertThat(row[2]).isNull();
        assertThat(row[3]).isEqualTo(CustomerStore.ANONYMISED_NAME);
        assertThat(row[4]).isNotNull();
        JsonNode kept = getTicket(manager(DEMO), ticket);
        assertThat(kept.get("status").asString()).isEqualTo("PAID");
        assertThat(kept.get("priceCents").asLong()).isEqualTo(6000);
        assertThat(kept.get("number").asString()).isNotBlank();
        assertThat(kept.get("displayName").asString()).isEqualTo(CustomerStore.ANONYMISED_DISPLAY_NAME);
        assertThat(audit.entries(DEMO, "customer", customerId).collectList().block())
                .extracting(AuditLog.Entry::action).containsExactly("customer.export", "customer.anonymise");
        // the events kept in the outbox (sent or not) carry the new name; another customer's keep theirs
        assertThat(outboxEvents(ticket)).filteredOn(e -> e.get("data").has("displayName"))
                .extracting(e -> e.get("type").asString()).containsExactly("ticket.created", "ticket.paid");
        assertThat(outboxEvents(ticket)).filteredOn(e -> e.get("data").has("displayName"))
                .allSatisfy(e -> assertThat(e.get("data").get("displayName").asString()).isEqualTo(CustomerStore.ANONYMISED_DISPLAY_NAME));
        assertThat(outboxEvents(ticket).toString()).doesNotContain("Maria");
        assertThat(outboxEvents(someoneElses).getFirst().get("data").get("displayName").asString()).isEqualTo("Maria S.");
        // and every other holder of the name hears of it
        JsonNode anonymised = outboxEvents(UUID.fromString(customerId)).getLast();
        assertThat(anonymised.get("type").asString()).isEqualTo("customer.anonymised");
        assertThat(anonymised.get("source").asString()).isEqualTo("ticket-service");
        assertThat(anonymised.get("data").get("ticketIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(ticket.toString());
        assertThat(anonymised.get("data").get("displayName").asString()).isEqualTo(CustomerStore.ANONYMISED_DISPLAY_NAME);
        assertThat(anonymised.get("data").get("reason").asString()).isEqualTo("DATA_SUBJECT_REQUEST");

        // the same person buying again is a new customer
        createTicket(DEMO, service, cpf);
        assertThat(export(manager(DEMO), cpf).expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("customer").get("id").asString()).isNotEqualTo(customerId);
    }

    @Test
    void whenACustomerHasHadNoTicketForTheRetentionPeriodThenTheDailyJobAnonymisesThemWithAnAuditRecord() {
        UUID service = createService(DEMO);
        String oldCpf = Cpfs.random();
        String recentCpf = Cpfs.random();
        createTicket(DEMO, service, oldCpf);
        createTicket(DEMO, service, recentCpf);
        db.sql("update customer set last_ticket_at = now() - interval '366 days' where cpf_index = :i")
                .bind("i", index.of(DEMO, oldCpf)).then().block();

        assertThat(retention.anonymiseInactive().block()).isGreaterThanOrEqualTo(1L);

        export(manager(DEMO), oldCpf).expectStatus().isNotFound();
        export(manager(DEMO), recentCpf).expectStatus().isOk();
        assertThat(count("select count(*) from audit_log where actor = 'system' and action = 'customer.anonymise'"
                + " and details->>'reason' = 'retention'")).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from outbox where event_type = 'customer.anonymised'"
                + " and envelope->'data'->>'reason' = 'RETENTION'")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenTheActiveKeyChangedThenReEncryptionRewritesEveryValueUnderItAndTheyStillDecrypt() {
        String tenant = "rotacao";
        UUID service = createService(tenant);
        String cpf = Cpfs.random();
        createTicket(tenant, service, cpf);
        // values written before the rotation, under the key that is now only readable
        // the "old" key of src/test/resources/config/application.yml
        PiiCipher before = PiiCipher.fromConfig("old:b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE=", "old");
        db.sql("update customer set cpf_cipher = :c, phone_cipher = :p where tenant_id = :t")
                .bind("c", before.encrypt(cpf, tenant, "cpf"))
                .bind("p", before.encrypt("+5511987654321", tenant, "phone"))
                .bind("t", tenant).then().block();
        assertThat(count("select count(*) from customer where tenant_id = 'rotacao' and cpf_cipher like 'old:%'")).isEqualTo(1);

        http.post().uri("/api/v1/customers/re-encryption").headers(h -> h.setBearerAuth(manager(tenant))).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/customers/re-encryption").headers(h -> h.setBearerAuth(admin(tenant))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reEncrypted").isEqualTo(1).jsonPath("$.activeKeyId").isEqualTo("k2");

        assertThat(count("select count(*) from customer where tenant_id = 'rotacao' and (cpf_cipher not like 'k2:%' or phone_cipher not like 'k2:%')")).isZero();
        String stored = db.sql("select cpf_cipher from customer where tenant_id = 'rotacao'").map(r -> r.get(0, String.class)).one().block();
        assertThat(cipher.decrypt(stored, tenant, "cpf")).isEqualTo(cpf);
        assertThat(export(manager(tenant), cpf).expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("customer").get("phone").asString()).isEqualTo("+5511987654321");
        assertThat(audit.entries(tenant, "tenant", tenant).collectList().block())
                .extracting(AuditLog.Entry::action).containsExactly("customer.pii.re-encrypt");
    }

    @Test
    void whenTheCpfIsInvalidOrUnknownOrAnotherTenantsThenTheRightProblemAndNoAudit() {
        UUID service = createService(DEMO);
        String cpf = Cpfs.random();
        createTicket(DEMO, service, cpf);
        long audits = count("select count(*) from audit_log");
        export(manager(DEMO), "123.456.789-00").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cpf");
        export(manager(DEMO), null).expectStatus().isBadRequest();
        export(manager(DEMO), Cpfs.random()).expectStatus().isNotFound();
        export(manager(OUTRO), cpf).expectStatus().isNotFound();
        anonymise(manager(OUTRO), cpf).expectStatus().isNotFound();
        export(operator(DEMO), cpf).expectStatus().isForbidden();
        export(kiosk(DEMO), cpf).expectStatus().isForbidden();
        assertThat(count("select count(*) from audit_log")).isEqualTo(audits);
        export(manager(DEMO), cpf).expectStatus().isOk();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec export(String token, String cpf) {
        return http.post().uri("/api/v1/customers/export").headers(h -> h.setBearerAuth(token))
                .bodyValue(cpf == null ? java.util.Map.of() : java.util.Map.of("cpf", cpf)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec anonymise(String token, String cpf) {
        return http.post().uri("/api/v1/customers/anonymisation").headers(h -> h.setBearerAuth(token))
                .bodyValue(java.util.Map.of("cpf", cpf)).exchange();
    }

    @Test
    void whenTheCpfComesInTheUrlThenNothingAnswersWithIt() {
        // LGPD: a CPF in a URL lands in access logs, traces and browser history (issue 12 item 12)
        String cpf = Cpfs.random();
        createTicket(DEMO, createService(DEMO), cpf);
        http.get().uri("/api/v1/customers/export?cpf=" + cpf).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().value(s -> assertThat(s).isIn(404, 405));
        http.delete().uri("/api/v1/customers?cpf=" + cpf).headers(h -> h.setBearerAuth(manager(DEMO))).exchange()
                .expectStatus().value(s -> assertThat(s).isIn(404, 405));
        export(manager(DEMO), cpf).expectStatus().isOk(); // still there
    }

    @Test
    void whenAnAdminAsksThenExportAndAnonymisationAreAllowedAsTheReadmeSays() {
        String cpf = Cpfs.random();
        createTicket(DEMO, createService(DEMO), cpf);
        export(admin(DEMO), cpf).expectStatus().isOk();
        anonymise(admin(DEMO), cpf).expectStatus().isNoContent();
    }

    private void dispatchPaid(UUID ticket) {
        publish(confirmation(DEMO, ticket, UUID.randomUUID(), Instant.now()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "PAID".equals(status(DEMO, ticket)));
    }
}
