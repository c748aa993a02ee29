package br.com.totem.payment.webhook;

import java.util.ArrayList;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.payment.provider.bacen.BacenPixParser;
import br.com.totem.platform.data.Binds;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code webhook_receipts} table: every notified item is stored before the PSP gets its
 * 200 and processed from here, so a crash between answering and confirming loses nothing.
 * Duplicates collapse on {@code dedupe_key} (the end-to-end id; for a refund outcome the
 * end-to-end id, devolução id and status).
 */
@Component
public class WebhookReceipts {

    public record Receipt(long id, String tenant, String kind, String endToEndId, String txid, String chave, Long amountCents,
                          String refundId, String refundStatus, int attempts) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;

    public WebhookReceipts(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Stores every item of a {@code {"pix":[...]}} body; returns how many were new. */
    public Mono<Long> store(String tenant, List<JsonNode> items) {
        List<Mono<Long>> inserts = new ArrayList<>();
        for (JsonNode item : items) {
            String e2e = BacenPixParser.text(item.path("endToEndId"));
            if (e2e == null || e2e.isBlank() || e2e.length() > 64) {
                continue;
            }
            String txid = BacenPixParser.text(item.path("txid"));
            String chave = BacenPixParser.text(item.path("chave"));
            long amount = BacenPixParser.money(item.path("valor"));
            inserts.add(insert(tenant, e2e, "PIX", e2e, txid, chave, amount, null, null, item));
            for (JsonNode d : BacenPixParser.items(item.path("devolucoes"))) {
                String id = BacenPixParser.text(d.path("id"));
                String status = BacenPixParser.text(d.path("status"));
                if (id != null && status != null) {
                    inserts.add(insert(tenant, e2e + ":" + id + ":" + status, "REFUND", e2e, txid, chave,
                            BacenPixParser.money(d.path("valor")), id, status, item));
                }
            }
        }
        return Flux.concat(inserts).reduce(0L, Long::sum);
    }

    private Mono<Long> insert(String tenant, String key, String kind, String e2e, String txid, String chave, long amount,
                              String refundId, String refundStatus, JsonNode payload) {
        var spec = db.sql("""
                        insert into webhook_receipts (tenant_id, dedupe_key, kind, end_to_end_id, txid, chave, amount_cents,
                                                      refund_id, refund_status, payload)
                        values (:tenant, :key, :kind, :e2e, :txid, :chave, :amount, :refundId, :refundStatus, :payload)
                        on conflict (tenant_id, dedupe_key) do nothing""")
                .bind("tenant", tenant).bind("key", key).bind("kind", kind).bind("e2e", e2e)
                .bind("payload", Json.of(json.writeValueAsString(payload)));
        spec = Binds.nullable(spec, "txid", txid, String.class);
        spec = Binds.nullable(spec, "chave", chave, String.class);
        spec = amount < 0 ? spec.bindNull("amount", Long.class) : spec.bind("amount", amount);
        spec = Binds.nullable(spec, "refundId", refundId, String.class);
        spec = Binds.nullable(spec, "refundStatus", refundStatus, String.class);
        return spec.fetch().rowsUpdated();
    }

    /** Leases up to {@code limit} unprocessed receipts for 30 s (safe with several instances). */
    public Flux<Receipt> lease(int limit) {
        return db.sql("""
                        update webhook_receipts set attempts = attempts + 1, next_attempt_at = now() + interval '30 seconds'
                        where id in (select id from webhook_receipts where processed_at is null and next_attempt_at <= now()
                                     order by id limit :limit for update skip locked)
                        returning id, tenant_id, kind, end_to_end_id, txid, chave, amount_cents, refund_id, refund_status, attempts""")
                .bind("limit", limit)
                .map(r -> new Receipt(r.get("id", Long.class), r.get("tenant_id", String.class), r.get("kind", String.class),
                        r.get("end_to_end_id", String.class), r.get("txid", String.class), r.get("chave", String.class),
                        r.get("amount_cents", Long.class), r.get("refund_id", String.class), r.get("refund_status", String.class),
                        r.get("attempts", Integer.class)))
                .all();
    }

    public Mono<Void> done(long id, String outcome) {
        return db.sql("update webhook_receipts set processed_at = now(), outcome = :o where id = :id")
                .bind("id", id).bind("o", outcome).then();
    }

    /** Try again soon (the PSP was unavailable). */
    public Mono<Void> retrySoon(long id, int attempts) {
        long seconds = Math.min(60, 2L << Math.min(attempts, 5));
        return db.sql("update webhook_receipts set next_attempt_at = now() + make_interval(secs => :s) where id = :id")
                .bind("id", id).bind("s", (double) seconds).then();
    }

    /**
     * Empties the bank's full payload of receipts processed before the cutoff (issue 12 item 13):
     * it names the payer; the columns keep what reconciliation and support need.
     */
    public Mono<Long> prunePayloads(java.time.Instant cutoff) {
        return db.sql("update webhook_receipts set payload = '{}'::jsonb where processed_at < :cut and payload <> '{}'::jsonb")
                .bind("cut", java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC)).fetch().rowsUpdated();
    }
}
