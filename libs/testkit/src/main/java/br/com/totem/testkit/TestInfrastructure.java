package br.com.totem.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real PostgreSQL, RabbitMQ and Redis a test runs against, one per test JVM.
 *
 * <p>Addresses come from environment variables with localhost defaults (the servers this
 * machine and CI run). When a Docker engine is present, and {@code TOTEM_TEST_INFRA} is not
 * {@code local}, Testcontainers starts the three servers instead. Each JVM gets its own run id,
 * so every service database and the RabbitMQ vhost are private to that run: two runs (two
 * developers, CI and a developer, two forks) never see each other's rows or messages.
 */
public final class TestInfrastructure {

    private static volatile TestInfrastructure instance;

    private final String runId;
    private final Endpoints endpoints;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private volatile boolean vhostCreated;

    private TestInfrastructure(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.runId = System.getenv().getOrDefault("TOTEM_TEST_RUN_ID",
                UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::cleanUp));
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = new TestInfrastructure(Endpoints.resolve());
                }
            }
        }
        return instance;
    }

    public String runId() {
        return runId;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The private database of {@code serviceId} for this run, created on first use. */
    public synchronized String database(String serviceId) {
        String name = ("totem_" + serviceId + "_" + runId).replaceAll("[^a-z0-9_]", "_");
        if (databases.add(name)) {
            try (Connection c = adminConnection()) {
                var rs = c.createStatement().executeQuery(
                        "select 1 from pg_database where datname = '" + name + "'");
                if (!rs.next()) {
                    c.createStatement().execute("create database " + name);
                }
            } catch (SQLException e) {
                databases.remove(name);
                throw new IllegalStateException("Cannot create test database " + name + " on "
                        + endpoints.pgHost() + ":" + endpoints.pgPort() + " — is PostgreSQL running? " + e.getMessage(), e);
            }
        }
        return name;
    }

    /** The private RabbitMQ vhost of this run, created on first use. */
    public synchronized String vhost() {
        String name = "totem-test-" + runId;
        if (!vhostCreated) {
            management("PUT", "/api/vhosts/" + name, "{}");
            management("PUT", "/api/permissions/" + name + "/" + endpoints.rabbitUser(),
                    "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
            vhostCreated = true;
        }
        return name;
    }

    /**
     * Spring properties that point a service at this run's infrastructure. They set the same
     * keys the services read from the environment (docs/configuration.md), so the application's
     * own configuration is what gets tested.
     */
    public Map<String, Object> propertiesFor(String serviceId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("TOTEM_DB_HOST", endpoints.pgHost());
        p.put("TOTEM_DB_PORT", endpoints.pgPort());
        p.put("TOTEM_DB_NAME", database(serviceId));
        p.put("TOTEM_DB_USER", endpoints.pgUser());
        p.put("TOTEM_DB_PASSWORD", endpoints.pgPassword());
        p.put("TOTEM_RABBIT_HOST", endpoints.rabbitHost());
        p.put("TOTEM_RABBIT_PORT", endpoints.rabbitPort());
        p.put("TOTEM_RABBIT_VHOST", vhost());
        p.put("TOTEM_RABBIT_USER", endpoints.rabbitUser());
        p.put("TOTEM_RABBIT_PASSWORD", endpoints.rabbitPassword());
        p.put("TOTEM_REDIS_HOST", endpoints.redisHost());
        p.put("TOTEM_REDIS_PORT", endpoints.redisPort());
        p.put("TOTEM_JWKS_URI", TestTokens.get().jwksUri());
        p.put("TOTEM_JWT_ISSUERS", TestTokens.ISSUER);
        return p;
    }

    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), endpoints.pgUser(), endpoints.pgPassword());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + endpoints.pgHost() + ":" + endpoints.pgPort() + "/" + database;
    }

    /** Calls the RabbitMQ management HTTP API of the test broker; returns the response body. */
    public String management(String method, String path, String body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://" + endpoints.rabbitHost() + ":"
                            + endpoints.rabbitManagementPort() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (endpoints.rabbitUser() + ":" + endpoints.rabbitPassword()).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                    throw new IllegalStateException("RabbitMQ management " + method + " " + path + " → "
                            + response.statusCode() + " " + response.body());
                }
                return response.body();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable on port "
                    + endpoints.rabbitManagementPort() + " (enable it: rabbitmq-plugins enable rabbitmq_management): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void cleanUp() {
        if (Boolean.parseBoolean(System.getenv().getOrDefault("TOTEM_TEST_KEEP", "false"))) {
            return;
        }
        for (String db : databases) {
            try (Connection c = adminConnection()) {
                c.createStatement().execute("drop database if exists " + db + " with (force)");
            } catch (SQLException | RuntimeException ignored) {
                // best effort at JVM exit: a left-over database only costs disk
            }
        }
        if (vhostCreated) {
            try {
                management("DELETE", "/api/vhosts/" + "totem-test-" + runId, null);
            } catch (RuntimeException ignored) {
                // best effort, as above
            }
        }
    }
}
