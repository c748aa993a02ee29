package br.com.totem.report.metrics;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import br.com.totem.report.daily.TenantZones;
import br.com.totem.report.dashboard.Dashboard;
import br.com.totem.report.dashboard.Dashboards;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

/**
 * Business gauges read from the read model (every {@code totem.report.metrics-refresh}, on every instance):
 * today so far in each tenant's zone, and the queue now.
 * <ul>
 *   <li>{@code totem_report_tickets{tenant,state}}: tickets of today by state reached (created, paid, expired,
 *       cancelled, no_show, completed)</li>
 *   <li>{@code totem_report_revenue_cents{tenant,kind}}: today's money in centavos (gross, refunded, net)</li>
 *   <li>{@code totem_report_queue_length{tenant,service}}: tickets paid and waiting for a call now</li>
 *   <li>{@code totem_report_waiting_p90_seconds{tenant}}: today's 90th percentile of paid → first call</li>
 * </ul>
 * The waiting-time histogram is {@link WaitingTimes}.
 */
@Component
public class BusinessGauges {

    private final Dashboards dashboards;
    private final TenantZones zones;
    private final MultiGauge tickets;
    private final MultiGauge revenue;
    private final MultiGauge queue;
    private final MultiGauge waitP90;

    BusinessGauges(Dashboards dashboards, TenantZones zones, MeterRegistry meters) {
        this.dashboards = dashboards;
        this.zones = zones;
        this.tickets = MultiGauge.builder("totem.report.tickets").description("Tickets of today by state reached")
                .register(meters);
        this.revenue = MultiGauge.builder("totem.report.revenue.cents").description("Money of today in centavos")
                .register(meters);
        this.queue = MultiGauge.builder("totem.report.queue.length").description("Tickets paid and waiting for a call")
                .register(meters);
        this.waitP90 = MultiGauge.builder("totem.report.waiting.p90.seconds")
                .description("90th percentile of today's wait from payment to the first call").register(meters);
    }

    /** Reads every tenant's figures and replaces the gauges' rows. */
    public Mono<Void> refresh() {
        return zones.all().concatMap(t -> dashboards.read(t.tenant())).collectList().doOnNext(this::publish).then();
    }

    private void publish(List<Dashboard> all) {
        List<MultiGauge.Row<?>> ticketRows = new ArrayList<>();
        List<MultiGauge.Row<?>> moneyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> queueRows = new ArrayList<>();
        List<MultiGauge.Row<?>> waitRows = new ArrayList<>();
        for (Dashboard d : all) {
            Tags tenant = Tags.of("tenant", d.tenant());
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "created"), d.created()));
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "paid"), d.paid()));
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "completed"), d.completed()));
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "no_show"), d.noShow()));
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "cancelled"), d.cancelled()));
            ticketRows.add(MultiGauge.Row.of(tenant.and("state", "expired"), d.expired()));
            moneyRows.add(MultiGauge.Row.of(tenant.and("kind", "gross"), d.grossCents()));
            moneyRows.add(MultiGauge.Row.of(tenant.and("kind", "refunded"), d.refundedCents()));
            moneyRows.add(MultiGauge.Row.of(tenant.and("kind", "net"), d.netCents()));
            for (Dashboard.Line line : d.queue()) {
                queueRows.add(MultiGauge.Row.of(tenant.and("service", line.serviceName()), line.waiting()));
            }
            if (d.waitP90Seconds() != null) {
                waitRows.add(MultiGauge.Row.of(tenant, d.waitP90Seconds()));
            }
        }
        tickets.register(ticketRows, true);
        revenue.register(moneyRows, true);
        queue.register(queueRows, true);
        waitP90.register(waitRows, true);
    }
}
