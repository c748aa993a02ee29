package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import br.com.totem.contracts.EventType;
import io.fabric8.kubernetes.api.model.EnvVar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12 item 11: every service has its own database password and its own RabbitMQ user, which
 * may publish only the event types the service produces. One list says which: infra/rabbitmq/users.txt,
 * checked here against libs/contracts {@link EventType}; provision.sh (./totem, compose) makes the users
 * from it and the Kubernetes topology must say exactly the same. The broker itself is tried in
 * BrokerPermissionsIT.
 */
class ServiceCredentialsTest {

    record User(String service, String user, List<String> publishes) {
        String id() {
            return service.replace("-service", "");
        }
    }

    static List<User> users() throws IOException {
        List<User> users = new ArrayList<>();
        for (String line : Files.readAllLines(Repo.root().resolve("infra/rabbitmq/users.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.strip().split("\\s+");
            assertThat(cols).as("users.txt row '%s'", line).hasSize(3);
            users.add(new User(cols[0], cols[1], cols[2].equals("-") ? List.of() : List.of(cols[2].split(","))));
        }
        return users;
    }

    @Test
    void eachServiceMayPublishExactlyTheEventTypesItProduces() throws Exception {
        Map<String, Set<String>> produced = new TreeMap<>();
        for (EventType type : EventType.values()) {
            produced.computeIfAbsent(type.producer(), p -> new TreeSet<>()).add(type.wireName());
        }
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (User u : users()) {
            allowed.put(u.service(), new TreeSet<>(u.publishes()));
        }
        // a new event type (or producer) is a line to change in users.txt, and a provisioning run
        for (var entry : produced.entrySet()) {
            assertThat(allowed.get(entry.getKey())).as("infra/rabbitmq/users.txt: the routing keys %s may publish (EventType)",
                    entry.getKey()).isEqualTo(entry.getValue());
        }
        allowed.forEach((service, keys) -> assertThat(keys).as("%s publishes no event type but users.txt lets it publish some",
                service).isEqualTo(produced.getOrDefault(service, Set.of())));
    }

    @Test
    void everyServiceWithADatabaseHasItsOwnBrokerUser() throws Exception {
        Set<String> withDatabase = new TreeSet<>();
        for (String[] row : TotemScriptTest.serviceTable().values()) {
            if (!row[3].equals("-")) {
                withDatabase.add(row[0]);
                assertThat(row[0]).as("database id %s", row[3]).isEqualTo(row[3] + "-service");
            }
        }
        Set<String> listed = new TreeSet<>(users().stream().map(User::service).toList());
        assertThat(listed).as("services of infra/rabbitmq/users.txt").isEqualTo(withDatabase);
        for (User u : users()) {
            assertThat(u.user()).isEqualTo("totem-" + u.id());
        }
    }

    /** provision.sh --dry-run: {user → {"permissions" → body, "topic-permissions" → body}}. */
    static Map<String, Map<String, JsonNode>> provisioned() throws Exception {
        Process p = new ProcessBuilder("sh", "infra/rabbitmq/provision.sh", "--dry-run").directory(Repo.root().toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, Map<String, JsonNode>> result = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.split(" ", 3);
            String[] path = parts[1].split("/");
            if (path[2].endsWith("permissions")) {
                result.computeIfAbsent(path[4], u -> new TreeMap<>()).put(path[2], json.readTree(parts[2]));
            }
        }
        return result;
    }

    @Test
    void theKubernetesTopologyGivesEachUserExactlyWhatProvisionShGives() throws Exception {
        Map<String, Map<String, JsonNode>> provisioned = provisioned();
        Set<String> listed = new TreeSet<>(users().stream().map(User::user).toList());
        assertThat(provisioned.keySet()).isEqualTo(listed);
        Map<String, Map<String, Object>> byKindAndUser = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        Path topology = Repo.root().resolve("infra/k8s/components/rabbitmq-operator/topology.yaml");
        for (Object doc : new Yaml().loadAll(Files.readString(topology))) {
            Map<String, Object> o = Repo.map(doc);
            Map<String, Object> spec = Repo.map(o.get("spec"));
            switch (String.valueOf(o.get("kind"))) {
                case "User" -> secrets.put(String.valueOf(Repo.map(o.get("metadata")).get("name")),
                        String.valueOf(Repo.map(spec.get("importCredentialsSecret")).get("name")));
                case "Permission", "TopicPermission" -> {
                    assertThat(spec.get("vhost")).isEqualTo("totem");
                    Object previous = byKindAndUser.put(o.get("kind") + " " + spec.get("user"), Repo.map(spec.get("permissions")));
                    assertThat(previous).as("one %s for %s", o.get("kind"), spec.get("user")).isNull();
                }
                default -> {
                }
            }
        }
        for (User u : users()) {
            assertThat(secrets).as("topology.yaml: User %s from its own Secret", u.user())
                    .containsEntry(u.user(), "totem-rabbitmq-" + u.id());
            JsonNode permissions = provisioned.get(u.user()).get("permissions");
            Map<String, Object> k8s = byKindAndUser.get("Permission " + u.user());
            assertThat(k8s).as("topology.yaml: Permission of %s", u.user()).isNotNull();
            for (String what : List.of("configure", "write", "read")) {
                assertThat(k8s.get(what)).as("%s %s", u.user(), what).isEqualTo(permissions.get(what).asString());
            }
            JsonNode topic = provisioned.get(u.user()).get("topic-permissions");
            Map<String, Object> k8sTopic = byKindAndUser.get("TopicPermission " + u.user());
            assertThat(k8sTopic).as("topology.yaml: TopicPermission of %s", u.user()).isNotNull();
            for (String what : List.of("exchange", "write", "read")) {
                assertThat(k8sTopic.get(what)).as("%s topic %s", u.user(), what).isEqualTo(topic.get(what).asString());
            }
            // the write pattern is the list of its routing keys, and nothing else matches it
            String write = topic.get("write").asString();
            for (EventType type : EventType.values()) {
                assertThat(type.wireName().matches(write)).as("%s may publish %s", u.user(), type.wireName())
                        .isEqualTo(type.producer().equals(u.service()));
            }
            assertThat("ticket.paid.x".matches(write) || "xticket.paid".matches(write)).isFalse();
        }
    }

    @Test
    void kubernetesGivesEachServiceItsOwnDatabaseAndBrokerSecretsAndUser() throws Exception {
        KubernetesManifestsTest.render();
        for (String overlay : KubernetesManifestsTest.OVERLAYS) {
            Map<String, String> dbSecrets = new TreeMap<>();
            Map<String, String> rabbitSecrets = new TreeMap<>();
            for (User u : users()) {
                var deployment = KubernetesManifestsTest.deployment(overlay, u.service());
                var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
                Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
                dbSecrets.put(u.service(), env.get("TOTEM_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName());
                rabbitSecrets.put(u.service(), env.get("TOTEM_RABBIT_PASSWORD").getValueFrom().getSecretKeyRef().getName());
                assertThat(rabbitSecrets.get(u.service())).isEqualTo("totem-rabbitmq-" + u.id());
                var configMaps = KubernetesManifestsTest.all(overlay, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                        .filter(c -> container.getEnvFrom().stream().anyMatch(f -> f.getConfigMapRef() != null
                                && f.getConfigMapRef().getName().equals(c.getMetadata().getName())))
                        .map(c -> c.getData().get("TOTEM_RABBIT_USER")).filter(java.util.Objects::nonNull).toList();
                assertThat(configMaps).as("%s: %s's TOTEM_RABBIT_USER", overlay, u.service()).containsExactly(u.user());
            }
            assertThat(new HashSet<>(dbSecrets.values())).as("%s: database Secrets %s", overlay, dbSecrets).hasSize(users().size());
            assertThat(new HashSet<>(rabbitSecrets.values())).as("%s: broker Secrets %s", overlay, rabbitSecrets).hasSize(users().size());
        }
    }

    @Test
    void composeGivesEachServiceItsOwnPasswordsAndBrokerUser() throws Exception {
        Map<String, Object> services = Repo.map(Repo.yaml(Repo.root().resolve("docker-compose.yml")).get("services"));
        for (User u : users()) {
            Map<String, Object> env = Repo.map(Repo.map(services.get(u.service())).get("environment"));
            String id = u.id().toUpperCase(Locale.ROOT);
            assertThat(String.valueOf(env.get("TOTEM_DB_PASSWORD"))).as("%s's database password", u.service())
                    .startsWith("${TOTEM_" + id + "_DB_PASSWORD:?");
            assertThat(String.valueOf(env.get("TOTEM_RABBIT_PASSWORD"))).as("%s's broker password", u.service())
                    .startsWith("${TOTEM_" + id + "_RABBIT_PASSWORD:?");
            assertThat(env.get("TOTEM_RABBIT_USER")).isEqualTo(u.user());
            // the one-shots that set them on the logins and users get the same ones
            assertThat(Repo.map(Repo.map(services.get("postgres-users")).get("environment")).get("TOTEM_" + id + "_DB_PASSWORD"))
                    .isEqualTo(env.get("TOTEM_DB_PASSWORD"));
            assertThat(Repo.map(Repo.map(services.get("rabbitmq-users")).get("environment")).get("TOTEM_" + id + "_RABBIT_PASSWORD"))
                    .isEqualTo(env.get("TOTEM_RABBIT_PASSWORD"));
        }
        String compose = Files.readString(Repo.root().resolve("docker-compose.yml"));
        assertThat(compose).as("no shared password any more").doesNotContain("${TOTEM_DB_PASSWORD").doesNotContain("${TOTEM_RABBIT_PASSWORD");
    }

    /** Runs bash with scripts/lib sourced (ROOT = the repository), {@code script} after; returns its output. */
    static String bash(Path root, String script) throws Exception {
        String prelude = "set -euo pipefail; ROOT=" + Repo.root() + "; . \"$ROOT/scripts/lib/common.sh\"; . \"$ROOT/scripts/lib/env.sh\";"
                + " . \"$ROOT/scripts/lib/infra.sh\"; . \"$ROOT/scripts/lib/aot.sh\"; ROOT=" + root + ";"
                // no local PostgreSQL with totem data is seen (port 1): a first run on a clean machine
                + " export TOTEM_DB_PORT=1;";
        Process p = new ProcessBuilder("bash", "-c", prelude + script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static Map<String, String> secretsFile(Path root) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("var/local-secrets.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }

    static List<String> perServiceNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (User u : users()) {
            String id = u.id().toUpperCase(Locale.ROOT);
            names.addAll(List.of("TOTEM_" + id + "_DB_PASSWORD", "TOTEM_" + id + "_RABBIT_PASSWORD"));
        }
        return names;
    }

    @Test
    void totemGeneratesADifferentPasswordForEachServiceAndGivesEachServiceOnlyItsOwn() throws Exception {
        Path root = Files.createTempDirectory("totem-secrets");
        bash(root, "local_secrets >/dev/null");
        Map<String, String> secrets = secretsFile(root);
        assertThat(secrets).containsKeys(perServiceNames().toArray(String[]::new))
                .doesNotContainKeys("TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
        List<String> values = perServiceNames().stream().map(secrets::get).toList();
        assertThat(new HashSet<>(values)).as("ten different passwords: %s", values).hasSize(values.size());
        assertThat(values).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(32));

        // what ./totem up starts ticket-service with: its own login, user and passwords, none of another's
        String env = bash(root, "set -a; . \"$ROOT/var/local-secrets.env\"; set +a; env $(svc_env ticket-service) printenv");
        assertThat(env).contains("TOTEM_DB_USER=totem_ticket\n", "TOTEM_DB_PASSWORD=" + secrets.get("TOTEM_TICKET_DB_PASSWORD") + "\n",
                "TOTEM_RABBIT_USER=totem-ticket\n", "TOTEM_RABBIT_PASSWORD=" + secrets.get("TOTEM_TICKET_RABBIT_PASSWORD") + "\n");
        for (String name : perServiceNames()) {
            assertThat(env).as("ticket-service's environment").doesNotContain(name + "=");
        }
        assertThat(Arrays.stream(env.split("\n")).filter(l -> l.contains(secrets.get("TOTEM_PAYMENT_DB_PASSWORD")))).isEmpty();
    }

    @Test
    void aSecretsFileFromBeforeGetsPerServicePasswordsInPlaceOfTheSharedOnes() throws Exception {
        Path root = Files.createTempDirectory("totem-secrets");
        Files.createDirectories(root.resolve("var"));
        Files.writeString(root.resolve("var/local-secrets.env"), """
                # ./totem's local secrets (generated 2026-01-01T00:00:00Z); never commit, never use in production
                TOTEM_DB_PASSWORD=sharedDbPassword
                TOTEM_RABBIT_PASSWORD=sharedMqPassword
                TOTEM_PII_KEYS=local:a2V5
                TOTEM_DEMO_SECRET=demoSecret
                """);
        String out = bash(root, "local_secrets; echo \"migrated=$SECRETS_MIGRATED\"");
        assertThat(out).contains("replaced by one password per service", "migrated=1");
        Map<String, String> secrets = secretsFile(root);
        assertThat(secrets).containsEntry("TOTEM_PII_KEYS", "local:a2V5").containsEntry("TOTEM_DEMO_SECRET", "demoSecret")
                .doesNotContainKeys("TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD").containsKeys(perServiceNames().toArray(String[]::new));
        assertThat(secrets.values()).doesNotContain("sharedDbPassword", "sharedMqPassword");
        // the next run finds nothing to do
        assertThat(bash(root, "local_secrets; echo \"migrated=$SECRETS_MIGRATED\"")).isEqualTo("migrated=\n");
        assertThat(secretsFile(root)).isEqualTo(secrets);
    }
}
