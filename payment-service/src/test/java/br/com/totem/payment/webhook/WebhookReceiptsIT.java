package br.com.totem.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.platform.jobs.PeriodicJobs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12: a webhook item is deduplicated within its tenant (Low), and the bank's full payload —
 * which names the payer — is emptied once processed and old (item 13), the facts staying.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "TOTEM_PAYMENT_REGISTER_WEBHOOKS=false")
class WebhookReceiptsIT {

    static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    WebhookReceipts receipts;
    @Autowired
    DatabaseClient db;
    @Autowired
    PeriodicJobs jobs;
    @Autowired
    org.springframework.context.ApplicationContext context;

    final JsonMapper json = JsonMapper.builder().build();

    private JsonNode item(String e2e) {
        return json.readTree("{\"endToEndId\":\"" + e2e + "\",\"txid\":\"tx" + e2e + "\",\"valor\":\"60.00\","
                + "\"infoPagador\":\"pago por Maria Silva\",\"pagador\":{\"cpf\":\"52998224725\",\"nome\":\"Maria Silva\"}}");
    }

    @Test
    void theSameEndToEndIdInTwoTenantsIsTwoReceipts() {
        String e2e = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        assertThat(receipts.store("tenant-a-" + e2e, List.of(item(e2e))).block(BOUND)).isEqualTo(1);
        assertThat(receipts.store("tenant-b-" + e2e, List.of(item(e2e))).block(BOUND)).isEqualTo(1);
        // within a tenant, still once
        assertThat(receipts.store("tenant-a-" + e2e, List.of(item(e2e))).block(BOUND)).isZero();
    }

    @Test
    void anOldProcessedPayloadIsEmptiedAndItsFactsStay() {
        String old = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        String recent = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        String tenant = "t-" + old.substring(1, 9);
        receipts.store(tenant, List.of(item(old), item(recent))).block(BOUND);
        db.sql("update webhook_receipts set processed_at = now() - interval '31 days', outcome = 'CONFIRMED' where end_to_end_id = :e")
                .bind("e", old).then().block(BOUND);
        db.sql("update webhook_receipts set processed_at = now(), outcome = 'CONFIRMED' where end_to_end_id = :e")
                .bind("e", recent).then().block(BOUND);

        assertThat(jobs.runOnce(context.getBean("webhookPayloadPruningJob", PeriodicJob.class)).block(BOUND)).isTrue();

        assertThat(payload(old)).isEqualTo("{}");
        assertThat(payload(recent)).contains("Maria Silva");
        assertThat(db.sql("select amount_cents from webhook_receipts where end_to_end_id = :e").bind("e", old)
                .map(r -> r.get(0, Long.class)).one().block(BOUND)).isEqualTo(6000L);
    }

    private String payload(String e2e) {
        return db.sql("select payload::text from webhook_receipts where end_to_end_id = :e").bind("e", e2e)
                .map(r -> r.get(0, String.class)).one().block(BOUND);
    }
}
