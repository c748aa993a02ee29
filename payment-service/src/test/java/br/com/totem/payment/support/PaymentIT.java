package br.com.totem.payment.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.payment.reconcile.Reconciler;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.payment.webhook.WebhookRegistration;
import br.com.totem.testkit.MovableClock;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;

import static org.awaitility.Awaitility.await;

/**
 * Base of payment-service's integration tests: the real service on this run's PostgreSQL and
 * RabbitMQ, the pix-psp sandbox over HTTP, one fresh tenant per test (so tests never see each
 * other's charges), tickets announced through the real ticket.created path (broker →
 * our consumer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.payment.webhook.register-on-startup=false",
        // no background reconciliation: tests run its pass themselves, moving the clock instead of waiting
        "totem.payment.reconcile.interval=1h",
        "resilience4j.circuitbreaker.instances.bacenPix.wait-duration-in-open-state=2s"})
@Import(MovableClock.AsApplicationClock.class)
public abstract class PaymentIT {

    /** How far the clock moves before each reconciliation pass a test runs: past the 2 s refund poll and, twice, the 5 s pending delay. */
    private static final Duration RECONCILE_STEP = Duration.ofSeconds(3);

    @LocalServerPort
    protected int port;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected TenantSettingsStore settingsStore;
    @Autowired
    protected WebhookRegistration webhooks;
    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected Reconciler reconciler;
    @Autowired
    protected MovableClock clock;

    protected WebTestClient http;
    protected PixSandbox sandbox;
    protected String tenant;
    protected TenantSettings settings;

    @BeforeEach
    void tenantAndSandbox() {
        sandbox = PixSandbox.get();
        sandbox.control().delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        settings = settingsFor(tenant, sandbox.apiUrl(), sandbox.tokenUrl(), null, null, null);
        settingsStore.save(settings).block();
        webhooks.register(settings).block();
    }

    @AfterEach
    void timeBack() {
        clock.reset();
    }

    /**
     * Runs the reconciler's pass (open charges read at the PSP, expiries, removals, refunds driven
     * on) as the background loop would, moving the clock forward before each pass instead of
     * waiting for the loop's interval, until {@code done}.
     */
    protected void reconcileUntil(Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            clock.advance(RECONCILE_STEP);
            reconciler.runOnce().block(Duration.ofSeconds(15));
            return done.call();
        });
    }

    protected TenantSettings settingsFor(String tenant, String api, String token, String cert, String key, String trust) {
        return new TenantSettings(tenant, UUID.randomUUID().toString(), "Estúdio Recuperação", "São Paulo",
                List.of(TenantSettings.ProviderKind.BACEN_PIX, TenantSettings.ProviderKind.MANUAL), "sandbox",
                api, token, "totem-" + tenant, "client-secret-" + tenant,
                "cob.read cob.write pix.read pix.write webhook.read webhook.write", cert, key, null, null, trust,
                "http://127.0.0.1:" + port + "/api/v1/payments/webhook/pix", "webhook-secret-" + UUID.randomUUID(), 300);
    }

    protected String kioskToken() {
        return TestTokens.get().token(tenant, "kiosk-1", "KIOSK");
    }

    protected String managerToken() {
        return TestTokens.get().token(tenant, "gerente", "MANAGER");
    }

    /** Announces a ticket as ticket-service would, and waits until payment-service has it. */
    protected UUID ticket(long priceCents) {
        UUID ticketId = UUID.randomUUID();
        var event = new TicketCreated(ticketId, UUID.randomUUID(), "Banheira de Gelo", priceCents, Priority.NORMAL, "Maria S.",
                "kiosk-1", Instant.now());
        publish(EventEnvelope.of(tenant, ticketId.toString(), event));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from tickets where ticket_id = '" + ticketId + "'") == 1);
        return ticketId;
    }

    /** Publishes another service's event to the broker as its outbox relay would. */
    protected void publish(EventEnvelope<?> event) {
        new TestEvents(context).publish(event);
    }

    protected WebTestClient.ResponseSpec link(UUID ticketId) {
        return http.post().uri("/api/v1/payments/link").header("Authorization", "Bearer " + kioskToken())
                .bodyValue(java.util.Map.of("ticketId", ticketId)).exchange();
    }

    protected long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    protected String one(String sql) {
        return db.sql(sql).map(r -> r.get(0, String.class)).one().block(Duration.ofSeconds(10));
    }

    protected long events(String type, UUID paymentId) {
        return count("select count(*) from outbox where event_type = '" + type + "' and aggregate_id = '" + paymentId + "'");
    }
}
