package br.com.totem.queue.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar queue-service.jar bootstrap-admin --tenant=demo [--username=admin] [--display-name=...]}
 * creates a tenant's first ADMIN, whose password is read from {@code TOTEM_ADMIN_PASSWORD} (never
 * from the command line, which other users of the machine can read). Everything else is then
 * set up through the API with that admin's token. Idempotent: an existing user is left as it is.
 * Runs without Spring, against the same database settings as the service (TOTEM_DB_*).
 */
public final class BootstrapAdmin {

    public static final String COMMAND = "bootstrap-admin";

    private BootstrapAdmin() {
    }

    public static int run(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        String tenant = AuthService.normalise(opts.get("tenant"));
        String username = AuthService.normalise(opts.getOrDefault("username", "admin"));
        String displayName = opts.getOrDefault("display-name", "Administrador");
        String password = System.getenv("TOTEM_ADMIN_PASSWORD");
        String dbPassword = System.getenv("TOTEM_DB_PASSWORD");
        if (tenant.isEmpty() || password == null || password.length() < 8 || dbPassword == null) {
            System.err.println("usage: TOTEM_DB_PASSWORD=… TOTEM_ADMIN_PASSWORD=<8+ chars> java -jar queue-service.jar "
                    + COMMAND + " --tenant=<slug> [--username=admin] [--display-name=Administrador]");
            return 64;
        }
        String url = "jdbc:postgresql://" + env("TOTEM_DB_HOST", "127.0.0.1") + ":" + env("TOTEM_DB_PORT", "5432") + "/"
                + env("TOTEM_DB_NAME", "totem_queue");
        try (Connection c = DriverManager.getConnection(url, env("TOTEM_DB_USER", "totem_queue"), dbPassword)) {
            var insert = c.prepareStatement("""
                    insert into staff_user (id, tenant_id, username, display_name, roles, password_hash)
                    values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, username) do nothing""");
            UUID id = UUID.randomUUID();
            insert.setObject(1, id);
            insert.setString(2, tenant);
            insert.setString(3, username);
            insert.setString(4, displayName);
            insert.setArray(5, c.createArrayOf("text", new String[] {"ADMIN"}));
            insert.setString(6, new BCryptPasswordEncoder(10).encode(password));
            int created = insert.executeUpdate();
            if (created == 1) {
                var audit = c.prepareStatement("""
                        insert into audit_log (tenant_id, actor, action, target_type, target_id, details)
                        values (?, 'system', 'user.bootstrap-admin', 'user', ?, '{}'::jsonb)""");
                audit.setString(1, tenant);
                audit.setString(2, id.toString());
                audit.executeUpdate();
            }
            System.out.println((created == 1 ? "created" : "exists") + ": " + tenant + "/" + username);
            return 0;
        } catch (SQLException e) {
            System.err.println("bootstrap-admin failed on " + url + ": " + e.getMessage());
            return 1;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
