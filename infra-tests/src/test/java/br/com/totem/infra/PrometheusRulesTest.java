package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules of infra/prometheus/rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}, the Debian package {@code prometheus}; .ci/run installs it); every alert has a
 * severity, a summary, a runbook that exists under docs/runbooks/, and at least one unit test; the compose
 * Prometheus configuration that loads them passes {@code promtool check config}.
 */
class PrometheusRulesTest {

    static final Path RULES = Path.of("infra/prometheus/rules");

    @BeforeAll
    static void promtoolIsInstalled() {
        Tools.assertInstalled("promtool", "prometheus");
    }

    static List<Path> files(String suffix) throws Exception {
        try (Stream<Path> s = Files.list(Repo.root().resolve(RULES))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<String> relative(List<Path> paths) throws Exception {
        return paths.stream().map(p -> Repo.root().relativize(p).toString()).toList();
    }

    @Test
    void theRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        List<Path> rules = files(".rules.yml");
        List<Path> tests = files(".rules.test.yml");
        assertThat(rules).as("rule files in %s", RULES).isNotEmpty();
        assertThat(tests).as("rule test files in %s", RULES).isNotEmpty();

        Tools.Result check = Tools.run(Repo.root(), Tools.concat(List.of("promtool", "check", "rules"), relative(rules))
                .toArray(String[]::new));
        assertThat(check.exitCode()).as("promtool check rules:\n%s", check.output()).isZero();

        // promtool resolves rule_files relative to the test file
        Tools.Result test = Tools.run(Repo.root().resolve(RULES), Tools.concat(List.of("promtool", "test", "rules"),
                tests.stream().map(p -> p.getFileName().toString()).toList()).toArray(String[]::new));
        assertThat(test.exitCode()).as("promtool test rules:\n%s", test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasASeverityASummaryAnExistingRunbookAndAUnitTest() throws Exception {
        Set<String> tested = new TreeSet<>();
        for (Path file : files(".rules.test.yml")) {
            for (Object t : (List<?>) Repo.yaml(file).get("tests")) {
                for (Object a : (List<?>) Repo.map(t).getOrDefault("alert_rule_test", List.of())) {
                    Map<String, Object> at = Repo.map(a);
                    if (!((List<?>) at.getOrDefault("exp_alerts", List.of())).isEmpty()) {
                        tested.add(String.valueOf(at.get("alertname")));
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        for (Path file : files(".rules.yml")) {
            for (Object g : (List<?>) Repo.yaml(file).get("groups")) {
                for (Object r : (List<?>) Repo.map(g).get("rules")) {
                    Map<String, Object> rule = Repo.map(r);
                    String alert = (String) rule.get("alert");
                    if (alert == null) {
                        continue; // a recording rule
                    }
                    alerts.add(alert);
                    Object severity = Repo.map(rule.get("labels")).get("severity");
                    if (!List.of("page", "ticket").contains(severity)) {
                        problems.add(alert + ": severity " + severity + " is not page or ticket");
                    }
                    Map<String, Object> annotations = Repo.map(rule.get("annotations"));
                    if (!(annotations.get("summary") instanceof String s) || s.isBlank()) {
                        problems.add(alert + ": no summary");
                    }
                    Object runbook = annotations.get("runbook_url");
                    if (!(runbook instanceof String url) || !url.matches("docs/runbooks/[a-z0-9-]+\\.md")) {
                        problems.add(alert + ": runbook_url " + runbook + " is not docs/runbooks/<name>.md");
                    } else if (!Files.isRegularFile(Repo.root().resolve(url))) {
                        problems.add(alert + ": runbook " + url + " does not exist");
                    } else if (!Files.readString(Repo.root().resolve(url)).contains(alert)) {
                        problems.add(alert + ": runbook " + url + " does not name the alert");
                    }
                    if (!tested.contains(alert)) {
                        problems.add(alert + ": no unit test where it fires");
                    }
                }
            }
        }
        assertThat(alerts).as("alerts").contains("TotemServiceDown", "TotemHighLatencyP95", "TotemHigh5xxRate",
                "TotemCircuitBreakerOpen", "TotemOutboxLag", "TotemOutboxPending", "TotemDeadLetterQueueGrowing",
                "TotemPaymentStuck", "TotemWebhooksRejected", "TotemPrinterNotReady", "TotemJvmHeapHigh",
                "TotemJvmGcPressure", "TotemNightlyReportNotWritten");
        assertThat(problems).isEmpty();
    }

    @Test
    void theComposePrometheusConfigurationLoadsTheRulesAndPassesPromtool(@TempDir Path dir) throws Exception {
        String config = Files.readString(Repo.root().resolve("infra/prometheus/prometheus.yml"));
        assertThat(config).contains("/etc/prometheus/rules/*.rules.yml", "alertmanager:9093");
        // compose mounts infra/prometheus/rules at /etc/prometheus/rules
        Path copy = Files.writeString(dir.resolve("prometheus.yml"),
                config.replace("/etc/prometheus/rules/", Repo.root().resolve(RULES) + "/"));
        Tools.Result check = Tools.run(dir, "promtool", "check", "config", copy.toString());
        assertThat(check.exitCode()).as("promtool check config:\n%s", check.output()).isZero();
        assertThat(check.output()).contains("rules found");
    }

    /** The checks can fail: a rule with a bad expression, and a unit test expecting what does not happen. */
    @Test
    void aBrokenRuleOrAWrongExpectationFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.rules.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Bad
                        expr: sum by (x) (rate(foo[5m]) > 
                """);
        assertThat(Tools.run(dir, "promtool", "check", "rules", "bad.rules.yml").exitCode()).isNotZero();

        Files.writeString(dir.resolve("good.rules.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Down
                        expr: up == 0
                        for: 2m
                """);
        Files.writeString(dir.resolve("wrong.rules.test.yml"), """
                rule_files: [good.rules.yml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{instance="a"}'
                        values: '1 1 1 1 1'
                    alert_rule_test:
                      - eval_time: 4m
                        alertname: Down
                        exp_alerts:
                          - exp_labels: {instance: a}
                """);
        Tools.Result wrong = Tools.run(dir, "promtool", "test", "rules", "wrong.rules.test.yml");
        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("FAILED");
    }
}
