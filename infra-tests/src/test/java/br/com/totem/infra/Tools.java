package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool of the machine (promtool, amtool, shellcheck…) and returns its exit code and output. */
final class Tools {

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** Fails with the install hint when the tool is missing ({@code .ci/run} installs it). */
    static void assertInstalled(String tool, String debianPackage) {
        Result version;
        try {
            version = run(Path.of("."), tool, "--version");
        } catch (IOException | InterruptedException e) {
            version = new Result(-1, e.toString());
        }
        assertThat(version.exitCode()).as("%s is installed (apt-get install %s): %s", tool, debianPackage, version.output())
                .isZero();
    }

    static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
