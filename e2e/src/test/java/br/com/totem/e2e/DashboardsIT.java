package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards of infra/grafana/dashboards against the running suite: a real Prometheus scrapes every
 * JVM while KioskFlowIT's scenarios run (sales, payments, a bank outage, prints, calls, refusals) and a few more
 * requests below; then every panel's query, and every template variable's, must parse and return data over
 * the test's time range — a dashboard whose query is empty is a broken dashboard. The alert rules are loaded too,
 * and each must evaluate without error on the real series.
 *
 * <p>Waiting for data is bounded by {@code TOTEM_E2E_DASHBOARD_SECONDS} (default 420): gauges refreshed by
 * periodic jobs every 15 s, and a loaded CI machine, need minutes, not seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardsIT extends KioskFlowIT {

    static final Path DASHBOARDS = Suite.ROOT.resolve("infra/grafana/dashboards");
    static final Duration DATA_BOUND = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("TOTEM_E2E_DASHBOARD_SECONDS", "420")));
    static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.+),\\s*)?(\\w+)\\)");

    Prometheus prometheus;
    Instant since;

    /** One query of a dashboard: where it is and its expression as Grafana sends it (variables replaced). */
    record Query(String where, String expr) {
    }

    @BeforeAll
    void startPrometheus() throws Exception {
        Assumptions.assumeTrue(!suite.ports.isEmpty(), "scrapes the suite this test starts (not TOTEM_E2E_GATEWAY)");
        since = Instant.now();
        Map<String, String> targets = new LinkedHashMap<>();
        for (Suite.App app : Suite.APPS) {
            if (!app.module().startsWith("sandbox/")) { // the sandboxes have no Prometheus endpoint
                targets.put(app.name(), "127.0.0.1:" + suite.ports.get(app.name()));
            }
        }
        prometheus = Prometheus.start(Suite.ROOT.resolve("e2e/target/prometheus"), targets, suite.freePort());
    }

    @AfterAll
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // after KioskFlowIT's scenarios, which make the traffic
    void everyPanelAndVariableQueryOfEveryDashboardReturnsDataFromTheRunningSuite() throws Exception {
        forgedWebhook();
        List<Query> queries = queries();
        assertThat(queries).as("queries in %s", DASHBOARDS).hasSizeGreaterThan(30);

        Map<String, String> empty = new LinkedHashMap<>();
        try {
            await().atMost(DATA_BOUND).pollInterval(Duration.ofSeconds(5)).until(() -> {
                empty.clear();
                for (Query q : queries) {
                    String problem = problem(q);
                    if (problem != null) {
                        empty.put(q.where() + ": " + q.expr(), problem);
                    }
                }
                return empty.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported below with every query that is still empty or wrong
        }
        assertThat(empty).as("dashboard queries without data after %s (Prometheus: e2e/target/prometheus)", DATA_BOUND)
                .isEmpty();

        // the alert rules evaluate on the real series without error (a many-to-many match only shows here)
        List<String> broken = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            broken.clear();
            for (JsonNode group : prometheus.api("rules", Map.of()).path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!"ok".equals(rule.path("health").asString())) {
                        broken.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
                                + rule.path("lastError").asString(""));
                    }
                }
            }
            return broken.isEmpty();
        });
        assertThat(broken).isEmpty();
    }

    /** A Pix webhook with a wrong secret, as someone probing the public endpoint would send (401). */
    void forgedWebhook() {
        for (int i = 0; i < 3; i++) {
            Reply r = call("POST", "/api/v1/payments/webhook/pix?tenant=demo&hmac=forged-" + i, null,
                    Map.of("pix", List.of()));
            assertThat(r.status()).isEqualTo(401);
        }
    }

    /** Null when the query parses and has at least one sample since the test started; otherwise what is wrong. */
    String problem(Query q) throws Exception {
        JsonNode answer = prometheus.range(q.expr(), since);
        if (!"success".equals(answer.path("status").asString())) {
            return answer.path("errorType").asString() + ": " + answer.path("error").asString();
        }
        for (JsonNode series : answer.path("data").path("result")) {
            for (JsonNode value : series.path("values")) {
                String v = value.get(1).asString();
                if (!v.equals("NaN") && !v.contains("Inf")) {
                    return null;
                }
            }
        }
        return "no data";
    }

    /** Every target of every panel (rows included) and every query variable of every dashboard file. */
    static List<Query> queries() throws Exception {
        List<Query> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DASHBOARDS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode dashboard = json.readTree(Files.readString(file));
            String name = file.getFileName().toString();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asString())) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asString() : query.asString();
                    Matcher m = LABEL_VALUES.matcher(text);
                    // label_values(metric, label) is answered from the series of the metric
                    String expr = m.matches() ? (m.group(1) == null ? "up" : m.group(1)) : text;
                    all.add(new Query(name + " variable " + variable.path("name").asString(), substitute(expr)));
                }
            }
            collect(name, dashboard.path("panels"), all);
        }
        return all;
    }

    static void collect(String file, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            collect(file, panel.path("panels"), into); // a collapsed row holds its panels
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    into.add(new Query(file + " panel \"" + panel.path("title").asString() + "\" " + target.path("refId").asString(),
                            substitute(target.path("expr").asString())));
                }
            }
        }
    }

    /** Grafana's own variables as it would fill them for a 15 s scrape interval; ours select every value. */
    static String substitute(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("$__range", "15m")
                .replaceAll("\\$\\{?\\w+(?::\\w+)?}?", ".*");
    }
}
