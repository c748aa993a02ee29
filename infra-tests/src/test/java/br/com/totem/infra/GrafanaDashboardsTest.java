package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The Grafana dashboards of infra/grafana/dashboards: what infra/grafana/dashboards.py writes (no hand edits
 * that the next run would lose), provisioned by compose from the right place, every panel on the provisioned
 * Prometheus datasource with a query that promtool parses. Whether each query returns data is e2e's DashboardsIT.
 */
class GrafanaDashboardsTest {

    static final Path DASHBOARDS = Path.of("infra/grafana/dashboards");

    /** A dashboard file as maps and lists (JSON is YAML: snakeyaml reads it). */
    static Map<String, Object> read(Path file) throws Exception {
        return Repo.yaml(file);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static String str(Map<String, Object> map, String key) {
        return String.valueOf(map.get(key));
    }

    static List<Path> dashboards(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> p : list(dashboard.get("panels"))) {
            all.add(p);
            all.addAll(list(p.get("panels")));
        }
        return all;
    }

    @Test
    void theCommittedJsonIsWhatTheGeneratorWrites(@TempDir Path dir) throws Exception {
        Tools.Result r = Tools.run(Repo.root(), "python3", "infra/grafana/dashboards.py", dir.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> generated = dashboards(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(dashboards(Repo.root().resolve(DASHBOARDS))).extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(generated);
        for (String name : generated) {
            assertThat(Files.readString(Repo.root().resolve(DASHBOARDS).resolve(name)))
                    .as("%s is the generator's output (run python3 infra/grafana/dashboards.py)", name)
                    .isEqualTo(Files.readString(dir.resolve(name)));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDashboardIsProvisionedAndEveryPanelQueriesThePrometheusDatasource() throws Exception {
        Map<String, Object> datasources = Repo.yaml(Repo.root().resolve("infra/grafana/provisioning/datasources/prometheus.yml"));
        String uid = String.valueOf(Repo.map(((List<?>) datasources.get("datasources")).getFirst()).get("uid"));
        Map<String, Object> provider = Repo.map(((List<?>) Repo.yaml(
                Repo.root().resolve("infra/grafana/provisioning/dashboards/totem.yml")).get("providers")).getFirst());
        String path = String.valueOf(Repo.map(provider.get("options")).get("path"));
        List<Object> volumes = (List<Object>) Repo.map(Repo.map(Repo.yaml(Repo.root().resolve("docker-compose.yml")).get("services"))
                .get("grafana")).get("volumes");
        assertThat(volumes).as("compose mounts the dashboards where the provider reads them")
                .contains("./" + DASHBOARDS + ":" + path + ":ro");

        List<Path> files = dashboards(Repo.root().resolve(DASHBOARDS));
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        Set<String> uids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> d = read(file);
            String name = file.getFileName().toString();
            if (!uids.add(str(d, "uid"))) {
                problems.add(name + ": uid " + str(d, "uid") + " is not unique");
            }
            Set<Object> ids = new HashSet<>();
            for (Map<String, Object> p : panels(d)) {
                String title = name + " \"" + str(p, "title") + "\"";
                if ("row".equals(str(p, "type"))) {
                    continue;
                }
                if (!ids.add(p.get("id"))) {
                    problems.add(title + ": panel id not unique");
                }
                if (!uid.equals(str(Repo.map(p.get("datasource")), "uid"))) {
                    problems.add(title + ": datasource is not " + uid);
                }
                if (list(p.get("targets")).isEmpty()) {
                    problems.add(title + ": no query");
                }
                Map<String, Object> grid = Repo.map(p.get("gridPos"));
                if (((Number) grid.get("x")).intValue() + ((Number) grid.get("w")).intValue() > 24) {
                    problems.add(title + ": wider than the dashboard");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Each expression, with Grafana's variables filled as Grafana would, as a recording rule for promtool. */
    @Test
    void everyQueryParses(@TempDir Path dir) throws Exception {
        Tools.assertInstalled("promtool", "prometheus");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Path file : dashboards(Repo.root().resolve(DASHBOARDS))) {
            for (Map<String, Object> p : panels(read(file))) {
                for (Map<String, Object> t : list(p.get("targets"))) {
                    String expr = str(t, "expr").replace("$__rate_interval", "1m").replace("$__range", "6h")
                            .replaceAll("\\$\\w+", ".*");
                    rules.append("      - record: dashboard:query:").append(n++).append("\n        expr: ")
                            .append('"').append(expr.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
                }
            }
        }
        assertThat(n).isGreaterThan(30);
        Path file = Files.writeString(dir.resolve("dashboards.rules.yml"), rules.toString());
        Tools.Result check = Tools.run(dir, "promtool", "check", "rules", file.toString());
        assertThat(check.exitCode()).as("promtool check rules over the dashboards' queries:\n%s", check.output()).isZero();
    }
}
