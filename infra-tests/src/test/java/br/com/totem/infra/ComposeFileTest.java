package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml must run every runnable module the way ./totem does: same port, a
 * readiness healthcheck, dependencies that wait for health, bounded memory, and no variable
 * that .env.example does not explain.
 */
class ComposeFileTest {

    private static final Pattern SERVER_PORT_DEFAULT = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static Path root;
    private static String composeText;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws Exception {
        if (services != null) {
            return;
        }
        root = Repo.root();
        Path compose = root.resolve("docker-compose.yml");
        composeText = Files.readString(compose);
        services = Repo.map(Repo.yaml(compose).get("services"));
        assertThat(services).as("services in docker-compose.yml").isNotEmpty();
    }

    /** Modules with an application.yml are the ones that run: the services and the sandboxes. */
    static Map<String, Integer> runnableModules() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String module : Repo.modules()) {
            Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
            if (!Files.isRegularFile(yml)) {
                continue;
            }
            Object port = Repo.map(Repo.yaml(yml).get("server")).get("port");
            Matcher m = SERVER_PORT_DEFAULT.matcher(String.valueOf(port));
            assertThat(m.matches()).as("%s: server.port should be ${SERVER_PORT:<default>}, is %s", yml, port).isTrue();
            ports.put(module, Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    @Test
    void everyRunnableModuleHasAComposeServiceOnItsOwnPortWithAReadinessHealthcheck() throws Exception {
        Map<String, Integer> modules = runnableModules();
        assertThat(modules).as("runnable modules in the root pom").containsKeys("gateway", "ticket-service");
        List<String> problems = new ArrayList<>();
        for (var entry : modules.entrySet()) {
            String module = entry.getKey();
            int port = entry.getValue();
            String name = serviceBuilding(module);
            if (name == null) {
                problems.add(module + ": no compose service is built with args MODULE=" + module);
                continue;
            }
            Map<String, Object> service = Repo.map(services.get(name));
            Object portArg = Repo.map(Repo.map(service.get("build")).get("args")).get("PORT");
            if (!String.valueOf(port).equals(String.valueOf(portArg))) {
                problems.add(name + ": build arg PORT is " + portArg + ", " + module + " listens on " + port);
            }
            if (!publishes(service, port)) {
                problems.add(name + ": does not publish " + port + ":" + port + " (ports: " + service.get("ports") + ")");
            }
            Map<String, Object> healthcheck = Repo.map(service.get("healthcheck"));
            String test = String.valueOf(healthcheck.get("test"));
            if (healthcheck.isEmpty() || Boolean.TRUE.equals(healthcheck.get("disable"))) {
                problems.add(name + ": has no healthcheck");
            } else if (!test.contains(":" + port + "/actuator/health/readiness")) {
                problems.add(name + ": healthcheck should probe :" + port + "/actuator/health/readiness, is " + test);
            }
        }
        assertThat(problems).as("compose services of the runnable modules").isEmpty();
    }

    /**
     * A setting whose default points at this machine (127.0.0.1, localhost) would point a
     * container at itself: compose must set it for that service.
     */
    @Test
    void everyLocalhostDefaultIsSetInTheServiceEnvironment() throws Exception {
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
        List<String> problems = new ArrayList<>();
        for (String module : runnableModules().keySet()) {
            String text = configText(module);
            String name = serviceBuilding(module);
            if (name == null) {
                continue; // reported by the test above
            }
            Map<String, Object> env = Repo.map(Repo.map(services.get(name)).get("environment"));
            Matcher m = placeholder.matcher(text);
            while (m.find()) {
                String variable = m.group(1);
                String fallback = m.group(2);
                if ((fallback.contains("127.0.0.1") || fallback.contains("localhost")) && !env.containsKey(variable)) {
                    problems.add(name + ": " + variable + " defaults to " + fallback + " and compose does not set it");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A placeholder without a default ({@code ${TOTEM_PII_KEYS}}) is a secret the service cannot
     * start without: compose must pass it, .env.example must hold a placeholder for it and
     * ./totem must generate a local value for it (var/local-secrets.env, never a published one).
     */
    /** The secrets every service has its own value of, and the kind in its per-service name TOTEM_<ID>_<KIND>_PASSWORD. */
    static final Map<String, String> PER_SERVICE = Map.of("TOTEM_DB_PASSWORD", "DB", "TOTEM_RABBIT_PASSWORD", "RABBIT");

    @Test
    void everyRequiredSecretIsPassedByComposeDocumentedAndGeneratedForLocalRuns() throws Exception {
        Pattern required = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
        Map<String, String> example = EnvExample.values(root);
        String totem = Files.readString(root.resolve("scripts/lib/env.sh")); // ./totem's local_secrets
        List<String> problems = new ArrayList<>();
        for (String module : runnableModules().keySet()) {
            String text = configText(module);
            String name = serviceBuilding(module);
            Map<String, Object> env = name == null ? Map.of() : Repo.map(Repo.map(services.get(name)).get("environment"));
            Matcher m = required.matcher(text);
            while (m.find()) {
                String secret = m.group(1);
                if (!env.containsKey(secret)) {
                    problems.add(module + ": compose does not pass " + secret);
                }
                String kind = PER_SERVICE.get(secret);
                if (kind != null) {
                    // one per service (issue 12 item 11): TOTEM_<ID>_DB_PASSWORD in .env and ./totem's local_secrets
                    String own = "TOTEM_" + Path.of(module).getFileName().toString().replace("-service", "")
                            .toUpperCase(java.util.Locale.ROOT) + "_" + kind + "_PASSWORD";
                    if (!example.containsKey(own)) {
                        problems.add(module + ": .env.example does not set " + own);
                    }
                    if (!totem.contains("\"TOTEM_${id^^}_" + kind + "_PASSWORD\"")
                            || !totem.contains("for name in $(service_secret_names); do echo \"$name=$(random_word")) {
                        problems.add(module + ": ./totem does not generate a local value for " + own + " (local_secrets)");
                    }
                    continue;
                }
                if (!example.containsKey(secret)) {
                    problems.add(module + ": .env.example does not set " + secret);
                }
                // generated at random on ./totem's first run, never a value published here (issue 12 item 10)
                if (!Pattern.compile("echo \"" + secret + "=[^\"$]*\\$\\(random_").matcher(totem).find()) {
                    problems.add(module + ": ./totem does not generate a local value for " + secret + " (local_secrets)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyTheGatewayIsPublishedBeyondThisMachine() {
        // issue 12 Low: services, sandboxes (the PSP's unauthenticated pay endpoint) and tools are reached
        // through the gateway or from the host itself, never from the network
        List<String> problems = new ArrayList<>();
        for (var entry : services.entrySet()) {
            if (!(Repo.map(entry.getValue()).get("ports") instanceof List<?> ports)) {
                continue;
            }
            for (Object p : ports) {
                String spec = String.valueOf(p);
                if (!entry.getKey().equals("gateway") && !spec.startsWith("127.0.0.1:")) {
                    problems.add(entry.getKey() + " publishes " + spec + " on every interface");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDependencyWaitsUntilItsTargetIsHealthy() {
        List<String> problems = new ArrayList<>();
        for (var entry : services.entrySet()) {
            Object dependsOn = Repo.map(entry.getValue()).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            if (!(dependsOn instanceof Map<?, ?> targets)) {
                problems.add(entry.getKey() + ": depends_on is a list; use {x: {condition: service_healthy}}");
                continue;
            }
            targets.forEach((target, spec) -> {
                Object condition = Repo.map(spec).get("condition");
                Map<String, Object> targetService = Repo.map(services.get(String.valueOf(target)));
                // a one-shot (postgres-users, rabbitmq-users) is waited for until it has done its work
                boolean oneShot = "no".equals(targetService.get("restart"));
                if (oneShot ? !"service_completed_successfully".equals(condition) : !"service_healthy".equals(condition)) {
                    problems.add(entry.getKey() + " -> " + target + ": condition is " + condition);
                }
                if (targetService.isEmpty()) {
                    problems.add(entry.getKey() + " -> " + target + ": no such service");
                } else if (!oneShot && !targetService.containsKey("healthcheck")) {
                    problems.add(entry.getKey() + " -> " + target + ": the target has no healthcheck to wait for");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        List<String> missing = new ArrayList<>();
        services.forEach((name, spec) -> {
            Map<String, Object> service = Repo.map(spec);
            Object limit = service.get("mem_limit");
            if (limit == null) {
                limit = Repo.map(Repo.map(Repo.map(service.get("deploy")).get("resources")).get("limits")).get("memory");
            }
            if (limit == null) {
                missing.add(name);
            }
        });
        assertThat(missing).as("services without mem_limit").isEmpty();
    }

    @Test
    void everyVariableTheComposeFileUsesIsDocumentedInEnvExample() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher m = COMPOSE_VARIABLE.matcher(composeText);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).as("variables in docker-compose.yml").contains("TOTEM_TICKET_DB_PASSWORD", "TOTEM_TICKET_RABBIT_PASSWORD");
        Set<String> documented = EnvExample.documented(root);
        assertThat(documented).as("variables documented in .env.example").containsAll(used);
    }

    @Test
    void secretsInEnvExampleArePlaceholdersThatSayChangeMe() throws Exception {
        Map<String, String> values = EnvExample.values(root);
        List<String> bad = new ArrayList<>();
        values.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET|KEYS?)$") && !value.contains("change-me")) {
                bad.add(name + "=" + value);
            }
        });
        assertThat(bad).as("secrets in .env.example that do not say change-me").isEmpty();
        assertThat(values).containsKeys("TOTEM_TICKET_DB_PASSWORD", "TOTEM_TICKET_RABBIT_PASSWORD", "RABBITMQ_ADMIN_PASSWORD");
    }

    @Test
    void everyEnvExampleVariableHasACommentAbove() throws Exception {
        List<String> lines = Files.readAllLines(root.resolve(".env.example"));
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (EnvExample.ASSIGNMENT.matcher(lines.get(i)).matches() && !lines.get(i).startsWith("#")) {
                int j = i - 1;
                while (j >= 0 && EnvExample.ASSIGNMENT.matcher(lines.get(j)).matches()) {
                    j--; // a group of related variables shares one comment
                }
                if (j < 0 || !lines.get(j).startsWith("#")) {
                    bare.add(lines.get(i));
                }
            }
        }
        assertThat(bare).as(".env.example variables without a comment").isEmpty();
    }

    /**
     * The module's application.yml, plus the placeholders of libs/platform's shared defaults that
     * it uses: the database ones when its readiness checks r2dbc, the broker ones with rabbit, the
     * Redis ones with redis, the rest always.
     */
    static String configText(String module) throws Exception {
        Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
        StringBuilder text = new StringBuilder(Files.readString(yml));
        Path platformDefaults = root.resolve("libs/platform/src/main/resources/totem/platform-defaults.yml");
        boolean usesPlatform = Files.readString(root.resolve(module).resolve("pom.xml"))
                .contains("<artifactId>platform</artifactId>");
        if (!usesPlatform || !Files.isRegularFile(platformDefaults)) {
            return text.toString();
        }
        String readiness = String.valueOf(Repo.map(Repo.map(Repo.map(Repo.map(Repo.map(Repo.yaml(yml).get("management"))
                .get("endpoint")).get("health")).get("group")).get("readiness")).get("include"));
        Matcher shared = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}").matcher(Files.readString(platformDefaults));
        while (shared.find()) {
            String variable = shared.group(1);
            boolean used = variable.startsWith("TOTEM_DB_") ? readiness.contains("r2dbc")
                    : variable.startsWith("TOTEM_RABBIT_") ? readiness.contains("rabbit")
                    : variable.startsWith("TOTEM_REDIS_") ? readiness.contains("redis")
                    : true;
            if (used) {
                text.append('\n').append(shared.group());
            }
        }
        return text.toString();
    }

    private static String serviceBuilding(String module) {
        for (var entry : services.entrySet()) {
            Object arg = Repo.map(Repo.map(Repo.map(entry.getValue()).get("build")).get("args")).get("MODULE");
            if (module.equals(arg)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static boolean publishes(Map<String, Object> service, int port) {
        if (!(service.get("ports") instanceof List<?> ports)) {
            return false;
        }
        for (Object p : ports) {
            String published;
            String target;
            if (p instanceof Map<?, ?> longSyntax) {
                published = String.valueOf(longSyntax.get("published"));
                target = String.valueOf(longSyntax.get("target"));
            } else {
                String[] parts = String.valueOf(p).replaceFirst("/(tcp|udp)$", "").split(":");
                if (parts.length < 2) {
                    continue;
                }
                published = parts[parts.length - 2];
                target = parts[parts.length - 1];
            }
            if (published.equals(String.valueOf(port)) && target.equals(String.valueOf(port))) {
                return true;
            }
        }
        return false;
    }
}
