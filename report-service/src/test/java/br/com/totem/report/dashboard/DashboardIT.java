package br.com.totem.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.report.support.DayOfEvents;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;

/** The dashboard is cached in Redis and dropped by the tenant's next event. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "totem.report.dashboard-ttl=10m")
class DashboardIT {

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    br.com.totem.report.metrics.BusinessGauges gauges;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    String tenant;
    WebTestClient http;
    DayOfEvents generator;

    @BeforeEach
    void setUp() {
        tenant = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        generator = new DayOfEvents(tenant.hashCode(), tenant, ZONE, true); // event ids differ per test
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Tickets created earlier today (in the studio's zone), whatever the time the test runs. */
    static void ticketsToday(ApplicationContext context, DatabaseClient db, DayOfEvents generator, String tenant, int n) {
        Instant midnight = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        Instant earlier = midnight.plus(Duration.between(midnight, Instant.now()).dividedBy(2));
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            generator.ticket(events, earlier.minusSeconds(i));
        }
        long before = db.sql("select count(*) as n from event_log where tenant_id = :t").bind("t", tenant)
                .map(r -> r.get("n", Long.class)).one().block();
        TestEvents broker = new TestEvents(context);
        events.forEach(broker::publish);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) as n from event_log where tenant_id = :t")
                .bind("t", tenant).map(r -> r.get("n", Long.class)).one().block() == before + events.size());
    }

    static Map<String, Object> dashboard(WebTestClient http, String tenant) {
        return http.get().uri("/api/v1/dashboard").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER")))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @Test
    void theDashboardIsCachedAndTheNextEventDropsIt() {
        ticketsToday(context, db, generator, tenant, 12);
        Map<String, Object> first = dashboard(http, tenant);
        assertThat(first).containsEntry("tenant", tenant).containsEntry("created", 12);
        assertThat(redis.hasKey("report:dashboard:" + tenant).block()).isTrue();
        assertThat(dashboard(http, tenant)).isEqualTo(first); // from the cache: the same reading
        ticketsToday(context, db, generator, tenant, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.hasKey("report:dashboard:" + tenant).block() == Boolean.FALSE);
        assertThat(dashboard(http, tenant)).containsEntry("created", 13);
        // another studio's dashboard is its own
        assertThat(dashboard(http, "dash-nobody")).containsEntry("created", 0).containsEntry("queueLength", 0);
    }

    @Test
    void theBusinessMetricsComeFromTheReadModel() {
        ticketsToday(context, db, generator, tenant, 20);
        gauges.refresh().block();
        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Map<String, Object> today = dashboard(http, tenant);
        assertThat(scrape)
                .contains("totem_report_tickets{application=\"report-service\",state=\"created\",tenant=\"" + tenant + "\"} 20.0")
                .contains("totem_report_tickets{application=\"report-service\",state=\"paid\",tenant=\"" + tenant + "\"} " + today.get("paid") + ".0")
                .contains("totem_report_revenue_cents{application=\"report-service\",kind=\"net\",tenant=\"" + tenant + "\"} " + today.get("netCents") + ".0")
                .contains("totem_report_waiting_seconds_bucket{application=\"report-service\",service=\"Banheira de Gelo\",tenant=\"" + tenant + "\",le=\"300.0\"}")
                .contains("totem_report_waiting_p90_seconds{application=\"report-service\",tenant=\"" + tenant + "\"}");
        if (((Number) today.get("queueLength")).longValue() > 0) {
            assertThat(scrape).contains("totem_report_queue_length{application=\"report-service\",service=");
        }
    }

    @Test
    void theWaitingHistogramTakesEachTicketOnceWhateverTheOrder() {
        Instant midnight = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        Instant earlier = midnight.plus(Duration.between(midnight, Instant.now()).dividedBy(2));
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            generator.ticket(events, earlier.minusSeconds(i * 7L));
        }
        // a ticket's wait is known once both its ticket.paid and a ticket.called are folded
        Map<String, Long> expected = new java.util.HashMap<>();
        Map<UUID, String> paidService = new java.util.HashMap<>();
        java.util.Set<UUID> called = new java.util.HashSet<>();
        for (EventEnvelope<? extends EventPayload> e : events) {
            if (e.data() instanceof TicketPaid p) {
                paidService.put(p.ticketId(), p.serviceName());
            } else if (e.data() instanceof TicketCalled c) {
                called.add(c.ticketId());
            }
        }
        paidService.forEach((ticket, service) -> {
            if (called.contains(ticket)) {
                expected.merge(service, 1L, Long::sum);
            }
        });
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(20);
        // shuffled, a fifth of it twice, folded by parallel consumers
        List<EventEnvelope<? extends EventPayload>> replay = generator.replayed(events, 20);
        TestEvents broker = new TestEvents(context);
        replay.forEach(broker::publish);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) as n from event_log where tenant_id = :t")
                .bind("t", tenant).map(r -> r.get("n", Long.class)).one().block() == events.size());
        expected.forEach((service, n) -> await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.find("totem.report.waiting").tags("tenant", tenant, "service", service).timer())
                        .as(service).isNotNull().extracting(io.micrometer.core.instrument.Timer::count)
                        .as(service).isEqualTo(n)));
    }

    @Test
    void onlyManagersAndAdmins() {
        http.get().uri("/api/v1/dashboard").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "k", "KIOSK")))
                .exchange().expectStatus().isForbidden();
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
