package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.com.totem.testkit.TestInfrastructure;

/**
 * Issue 12 item 11 on the real PostgreSQL: infra/postgres/init.sh (what ./totem up and compose run)
 * makes each service's login with its own password, and only that login may connect to the
 * service's database. Here for two ids private to this run (totem_ticket_&lt;run&gt;,
 * totem_payment_&lt;run&gt;), so that a ./totem on this machine keeps its logins.
 *
 * <p>A server that trusts local connections (this machine's and CI's pg_hba.conf: {@code trust} for
 * 127.0.0.1) accepts any password, so the password half is checked only where the server asks for
 * one; the CONNECT privilege holds under trust too, and is checked everywhere.
 */
class DatabaseIsolationIT {

    static TestInfrastructure infra;
    static String run;
    static final String TICKET_PASSWORD = UUID.randomUUID().toString();
    static final String PAYMENT_PASSWORD = UUID.randomUUID().toString();

    @BeforeAll
    static void provision() throws Exception {
        infra = TestInfrastructure.get();
        run = infra.runId().replaceAll("[^a-z0-9]", "_");
        var e = infra.endpoints();
        ProcessBuilder pb = new ProcessBuilder("bash", "infra/postgres/init.sh", "ticket_" + run, "payment_" + run)
                .directory(Repo.root().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PGHOST", e.pgHost());
        env.put("PGPORT", String.valueOf(e.pgPort()));
        env.put("POSTGRES_USER", e.pgUser());
        env.put("PGPASSWORD", e.pgPassword());
        env.put("TOTEM_TICKET_" + run.toUpperCase() + "_DB_PASSWORD", TICKET_PASSWORD);
        env.put("TOTEM_PAYMENT_" + run.toUpperCase() + "_DB_PASSWORD", PAYMENT_PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("init.sh: %s", out).isZero();
    }

    @AfterAll
    static void drop() throws SQLException {
        try (var c = infra.adminConnection(); var st = c.createStatement()) {
            for (String id : List.of("ticket_" + run, "payment_" + run)) {
                st.execute("drop database if exists totem_" + id + " with (force)");
                st.execute("drop role if exists totem_" + id);
            }
        }
    }

    static java.sql.Connection connect(String login, String password, String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), login, password);
    }

    @Test
    void aServiceLoginConnectsToItsOwnDatabaseOnly() throws Exception {
        String ticket = "totem_ticket_" + run;
        String payment = "totem_payment_" + run;
        try (var c = connect(ticket, TICKET_PASSWORD, ticket); var st = c.createStatement(); var rs = st.executeQuery("select current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ticket);
        }
        // even with the right password, and on a server that trusts the address
        assertThatThrownBy(() -> connect(ticket, TICKET_PASSWORD, payment).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501")) // insufficient_privilege
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(payment, PAYMENT_PASSWORD, ticket).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void eachLoginHasItsOwnPassword() throws Exception {
        String ticket = "totem_ticket_" + run;
        boolean serverChecksPasswords;
        try (var c = connect(ticket, "not-" + TICKET_PASSWORD, ticket)) {
            serverChecksPasswords = false;
        } catch (SQLException e) {
            serverChecksPasswords = true;
        }
        Assumptions.assumeTrue(serverChecksPasswords,
                "PostgreSQL at " + infra.endpoints().pgHost() + " trusts this address (pg_hba.conf): it accepts any password");
        assertThatThrownBy(() -> connect(ticket, PAYMENT_PASSWORD, ticket).close()).isInstanceOf(SQLException.class);
        connect(ticket, TICKET_PASSWORD, ticket).close();
    }
}
