package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** ./totem parses, lists its commands, runs the modules of its service table (shellcheck: {@link ShellcheckTest}). */
class TotemScriptTest {

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void totemIsAnExecutableBashScriptThatParses() throws Exception {
        Path totem = Repo.root().resolve("totem");
        assertThat(Files.isExecutable(totem)).as("./totem is executable").isTrue();
        assertThat(Files.readAllLines(totem).getFirst()).isEqualTo("#!/usr/bin/env bash");
        Result syntax = run("bash", "-n", "totem");
        assertThat(syntax.exitCode()).as("bash -n totem: %s", syntax.output()).isZero();
    }

    @Test
    void helpListsEverySubcommand() throws Exception {
        Result help = run("./totem", "help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        for (String command : List.of("up", "down", "status", "logs", "seed", "reset", "backup", "restore", "help")) {
            assertThat(help.output()).as("./totem help lists %s", command).containsPattern("(?m)^  " + command + "\\b");
        }
    }

    /** The one service table of ./totem (scripts/lib/common.sh): name, module, port, database id. */
    static Map<String, String[]> serviceTable() throws IOException {
        String lib = Files.readString(Repo.root().resolve("scripts/lib/common.sh"));
        String start = "SERVICE_TABLE=\"";
        String table = lib.substring(lib.indexOf(start) + start.length());
        table = table.substring(0, table.indexOf('"'));
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] cols = line.strip().split("\\s+");
            assertThat(cols).as("service table row '%s'", line).hasSize(4);
            rows.put(cols[1], cols);
        }
        return rows;
    }

    /** ./totem runs target/<name>.jar of every runnable module on the module's own port. */
    @Test
    void theServiceTableListsEveryRunnableModuleWithItsJarAndPort() throws Exception {
        ComposeFileTest.load();
        Map<String, String[]> rows = serviceTable();
        assertThat(rows.keySet()).as("./totem's service table").containsExactlyInAnyOrderElementsOf(
                ComposeFileTest.runnableModules().keySet());
        for (var entry : ComposeFileTest.runnableModules().entrySet()) {
            String module = entry.getKey();
            String name = Path.of(module).getFileName().toString();
            assertThat(rows.get(module)[0]).as("service name of %s", module).isEqualTo(name);
            assertThat(rows.get(module)[2]).as("port of %s", module).isEqualTo(String.valueOf(entry.getValue()));
            assertThat(Files.readString(Repo.root().resolve(module).resolve("pom.xml")))
                    .as("%s/pom.xml builds target/%s.jar", module, name).contains("<finalName>" + name + "</finalName>");
        }
    }

    /** infra/postgres/init.sh, run bare by the compose PostgreSQL, makes the databases of ./totem's table. */
    @Test
    void thePostgresInitScriptMakesTheDatabasesOfTheServiceTable() throws Exception {
        List<String> tableIds = serviceTable().values().stream().map(cols -> cols[3]).filter(id -> !id.equals("-"))
                .toList();
        String init = Files.readString(Repo.root().resolve("infra/postgres/init.sh"));
        Matcher defaults = Pattern.compile("ids=\\(([a-z ]+)\\)").matcher(init);
        assertThat(defaults.find()).as("init.sh has a default list ids=(...)").isTrue();
        assertThat(List.of(defaults.group(1).trim().split("\\s+"))).as("init.sh's databases")
                .containsExactlyElementsOf(tableIds);
    }

    @Test
    void anUnknownCommandFails() throws Exception {
        assertThat(run("./totem", "no-such-command").exitCode()).isNotZero();
    }

    @Test
    void logsOfAnUnknownServiceFailsWithAClearMessage() throws Exception {
        Result r = run("./totem", "logs", "no-such-service");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("unknown service 'no-such-service'");
    }

}
