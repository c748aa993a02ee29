package br.com.totem.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Where the test servers are. {@code TOTEM_TEST_INFRA=local} (or no Docker engine) uses the
 * local servers; {@code testcontainers} (or {@code auto} with an engine) starts containers.
 */
public record Endpoints(
        String pgHost, int pgPort, String pgUser, String pgPassword,
        String rabbitHost, int rabbitPort, int rabbitManagementPort, String rabbitUser, String rabbitPassword,
        String redisHost, int redisPort, String mode) {

    static Endpoints resolve() {
        String mode = env("TOTEM_TEST_INFRA", "auto");
        boolean containers = switch (mode) {
            case "local" -> false;
            case "testcontainers" -> true;
            default -> dockerAvailable();
        };
        return containers ? fromContainers() : local();
    }

    static Endpoints local() {
        return new Endpoints(
                env("TOTEM_TEST_PG_HOST", "127.0.0.1"), Integer.parseInt(env("TOTEM_TEST_PG_PORT", "5432")),
                env("TOTEM_TEST_PG_USER", "postgres"), env("TOTEM_TEST_PG_PASSWORD", "postgres"),
                env("TOTEM_TEST_RABBIT_HOST", "127.0.0.1"), Integer.parseInt(env("TOTEM_TEST_RABBIT_PORT", "5672")),
                Integer.parseInt(env("TOTEM_TEST_RABBIT_MANAGEMENT_PORT", "15672")),
                env("TOTEM_TEST_RABBIT_USER", "guest"), env("TOTEM_TEST_RABBIT_PASSWORD", "guest"),
                env("TOTEM_TEST_REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("TOTEM_TEST_REDIS_PORT", "6379")),
                "local");
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM (Ryuk removes them)
    static Endpoints fromContainers() {
        var pg = new PostgreSQLContainer("postgres:17-alpine");
        var rabbit = new RabbitMQContainer("rabbitmq:4.1-management-alpine");
        var redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        pg.start();
        rabbit.start();
        redis.start();
        return new Endpoints(
                pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword(),
                rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getHttpPort(),
                rabbit.getAdminUsername(), rabbit.getAdminPassword(),
                redis.getHost(), redis.getMappedPort(6379), "testcontainers");
    }

    private static boolean dockerAvailable() {
        // ask Testcontainers only when an engine is plausible: its probe logs errors otherwise
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!socket && System.getenv("DOCKER_HOST") == null) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
