package br.com.totem.payment.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares one business day of charges with the PSP's {@code GET /cob?inicio&fim} and lists
 * every mismatch (paid at the PSP but not here, confirmed here but not at the PSP, different
 * amounts, charges only one side knows). The report is stored per tenant and day.
 */
@Component
public class DailyReconciliation {

    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);

    public record Mismatch(String txid, String kind, String ours, String psp) {
    }

    public record Report(String tenant, LocalDate day, int checked, List<Mismatch> mismatches) {
    }

    private final TenantSettingsStore settings;
    private final ChargeStore charges;
    private final PixProvider pix;
    private final DatabaseClient db;
    private final JsonMapper json;
    private final ZoneId zone;
    private final Clock clock;

    public DailyReconciliation(TenantSettingsStore settings, ChargeStore charges, PixProvider pix, DatabaseClient db,
                               JsonMapper json, PaymentProperties properties, Clock clock) {
        this.settings = settings;
        this.charges = charges;
        this.pix = pix;
        this.db = db;
        this.json = json;
        this.zone = ZoneId.of(properties.reconcile().zone());
        this.clock = clock;
    }

    /** Yesterday, for every tenant that uses Pix. */
    public Mono<Void> runYesterday() {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        return settings.all().filter(TenantSettings::usesPix)
                .concatMap(s -> run(s.tenantId(), yesterday).onErrorResume(e -> {
                    log.warn("daily reconciliation of {} for {} failed: {}", yesterday, s.tenantId(), e.getMessage());
                    return Mono.empty();
                }))
                .then();
    }

    public Mono<Report> run(String tenant, LocalDate day) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return settings.find(tenant).flatMap(s -> Mono.zip(
                        pix.listCharges(s, from, to).collectMap(PixModels.Cob::txid, Function.identity()),
                        charges.createdBetween(tenant, from, to).filter(c -> c.txid() != null)
                                .collectMap(Charge::txid, Function.identity()))
                .map(t -> compare(tenant, day, t.getT1(), t.getT2())))
                .flatMap(r -> save(r).thenReturn(r))
                .doOnNext(r -> log.info("daily reconciliation {} {}: {} charges, {} mismatch(es)", tenant, day, r.checked(),
                        r.mismatches().size()));
    }

    static Report compare(String tenant, LocalDate day, Map<String, PixModels.Cob> psp, Map<String, Charge> ours) {
        List<Mismatch> out = new ArrayList<>();
        Set<String> all = new java.util.TreeSet<>(psp.keySet());
        all.addAll(ours.keySet());
        for (String txid : all) {
            PixModels.Cob cob = psp.get(txid);
            Charge c = ours.get(txid);
            if (cob == null) {
                if (c.status() == ChargeStatus.CONFIRMED && "PIX".equals(c.method())) {
                    out.add(new Mismatch(txid, "CONFIRMED_HERE_UNKNOWN_AT_PSP", c.status().name(), null));
                }
                continue;
            }
            if (c == null) {
                out.add(new Mismatch(txid, "UNKNOWN_HERE", null, cob.status()));
                continue;
            }
            boolean paidThere = cob.concluded();
            boolean paidHere = c.status() == ChargeStatus.CONFIRMED && "PIX".equals(c.method());
            if (paidThere && !paidHere) {
                out.add(new Mismatch(txid, "PAID_AT_PSP_NOT_CONFIRMED_HERE", c.status().name(), cob.status()));
            } else if (!paidThere && paidHere) {
                out.add(new Mismatch(txid, "CONFIRMED_HERE_NOT_PAID_AT_PSP", c.status().name(), cob.status()));
            } else if (cob.amountCents() != c.amountCents()) {
                out.add(new Mismatch(txid, "AMOUNT_DIFFERS", String.valueOf(c.amountCents()), String.valueOf(cob.amountCents())));
            }
            long paid = cob.pix().stream().mapToLong(PixModels.Pix::amountCents).sum();
            if (paidThere && paid != c.amountCents()) {
                out.add(new Mismatch(txid, "PAID_AMOUNT_DIFFERS", String.valueOf(c.amountCents()), String.valueOf(paid)));
            }
        }
        return new Report(tenant, day, all.size(), out);
    }

    private Mono<Void> save(Report r) {
        List<Map<String, Object>> rows = r.mismatches().stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("txid", m.txid());
            row.put("kind", m.kind());
            row.put("ours", m.ours());
            row.put("psp", m.psp());
            return row;
        }).collect(Collectors.toList());
        return db.sql("""
                        insert into reconciliation_reports (tenant_id, day, checked, mismatches) values (:t, :d, :c, :m)
                        on conflict (tenant_id, day) do update set checked = excluded.checked, mismatches = excluded.mismatches,
                        created_at = now()""")
                .bind("t", r.tenant()).bind("d", r.day()).bind("c", r.checked())
                .bind("m", Json.of(json.writeValueAsString(rows))).then();
    }

}
