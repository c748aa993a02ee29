package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ./totem and the other shell scripts parse, and ./totem help lists its commands. */
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
        for (String command : List.of("up", "down", "status", "logs", "seed", "reset", "help")) {
            assertThat(help.output()).as("./totem help lists %s", command).containsPattern("(?m)^  " + command + "\\b");
        }
    }

    /** ./totem runs target/<name>.jar of every runnable module on the module's own port. */
    @Test
    void theServiceTableListsEveryRunnableModuleWithItsJarAndPort() throws Exception {
        ComposeFileTest.load();
        String totem = Files.readString(Repo.root().resolve("totem"));
        String table = totem.substring(totem.indexOf("SERVICE_TABLE=\""));
        table = table.substring("SERVICE_TABLE=\"".length(), table.indexOf('"', "SERVICE_TABLE=\"".length()));
        Map<String, String[]> rows = new HashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] cols = line.strip().split("\\s+");
            rows.put(cols[1], cols); // name module port db redis
        }
        for (var entry : ComposeFileTest.runnableModules().entrySet()) {
            String module = entry.getKey();
            String name = Path.of(module).getFileName().toString();
            assertThat(rows).as("./totem SERVICE_TABLE has module %s", module).containsKey(module);
            assertThat(rows.get(module)[0]).as("service name of %s", module).isEqualTo(name);
            assertThat(rows.get(module)[2]).as("port of %s", module).isEqualTo(String.valueOf(entry.getValue()));
            assertThat(Files.readString(Repo.root().resolve(module).resolve("pom.xml")))
                    .as("%s/pom.xml builds target/%s.jar", module, name).contains("<finalName>" + name + "</finalName>");
        }
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

    @ParameterizedTest
    @ValueSource(strings = {".ci/run", "bench/suite-startup.sh", "infra/postgres/init.sh"})
    void theOtherShellScriptsParse(String script) throws Exception {
        Path file = Repo.root().resolve(script);
        assertThat(Files.isExecutable(file)).as("%s is executable", script).isTrue();
        Result syntax = run("bash", "-n", script);
        assertThat(syntax.exitCode()).as("bash -n %s: %s", script, syntax.output()).isZero();
    }
}
