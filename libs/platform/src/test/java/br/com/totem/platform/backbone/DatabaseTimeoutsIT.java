package br.com.totem.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 12 item 9: no statement, lock wait or abandoned transaction of a service lasts for ever.
 * Every connection starts with statement_timeout, lock_timeout and
 * idle_in_transaction_session_timeout; a relay batch stuck behind a lock gives up, is counted and
 * retried, and delivers once the lock is gone.
 */
class DatabaseTimeoutsIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        var infra = TestInfrastructure.get();
        Map<String, Object> p = new LinkedHashMap<>(infra.propertiesFor("timeouts"));
        p.put("spring.application.name", "timeouts-app");
        p.put("totem.service-id", "timeouts");
        p.put("spring.flyway.locations", "classpath:db/platform,classpath:db/backbone-producer");
        p.put("server.port", 0);
        p.put("TOTEM_DB_STATEMENT_TIMEOUT", "4s");
        p.put("TOTEM_DB_LOCK_TIMEOUT", "1s");
        p.put("TOTEM_DB_IDLE_IN_TRANSACTION_TIMEOUT", "5s");
        p.put("totem.outbox.max-backoff", "1s");
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("--" + k + "=" + v));
        app = new SpringApplicationBuilder(BackboneTestApp.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyConnectionStartsWithItsTimeouts() {
        DatabaseClient db = app.getBean(DatabaseClient.class);
        assertThat(show(db, "statement_timeout")).isEqualTo("4s");
        assertThat(show(db, "lock_timeout")).isEqualTo("1s");
        assertThat(show(db, "idle_in_transaction_session_timeout")).isEqualTo("5s");
    }

    @Test
    void aRelayBatchStuckBehindALockGivesUpAndDeliversOnceTheLockIsGone() throws Exception {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        var infra = TestInfrastructure.get();
        try (Connection holder = DriverManager.getConnection(infra.jdbcUrl(infra.database("timeouts")),
                infra.endpoints().pgUser(), infra.endpoints().pgPassword())) {
            holder.setAutoCommit(false);
            double failuresBefore = meters.counter("totem.outbox.failures").count();
            // another session holds the outbox (as a stuck migration or transaction would)
            try (var st = holder.createStatement()) {
                st.execute("lock table outbox in access exclusive mode");
            }
            // the relay does not wait for ever: each batch ends at the lock timeout, is counted and retried
            await().atMost(BOUND).until(() -> meters.counter("totem.outbox.failures").count() >= failuresBefore + 2);
            holder.rollback();
        }
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        UUID ticket = UUID.randomUUID();
        app.getBean(BackboneTestApp.NoteWriter.class).commit(tenant, ticket, false).block(BOUND);
        await().atMost(BOUND).until(() -> sent(ticket) == 1);
    }

    private static long sent(UUID ticket) {
        return app.getBean(DatabaseClient.class)
                .sql("select count(*) from outbox where sent_at is not null and aggregate_id = '" + ticket + "'")
                .map(row -> row.get(0, Long.class)).one().block(BOUND);
    }

    private static String show(DatabaseClient db, String setting) {
        return db.sql("show " + setting).map(row -> row.get(0, String.class)).one().block(BOUND);
    }
}
