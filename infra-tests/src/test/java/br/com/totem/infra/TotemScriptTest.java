package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
