package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell script of the tree passes shellcheck (the Debian package {@code shellcheck}; .ci/run installs it).
 * A script with a shebang is checked whole, following what it sources; a library without one (scripts/lib/*.sh,
 * .mvn/jdk25.sh) is checked on its own too, except for SC2034 "appears unused" and SC2329 "never invoked" (newer
 * shellcheck versions): its variables and functions are used by the scripts that source it, which are checked with it.
 */
class ShellcheckTest {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "var", "node_modules");

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void shellcheckIsInstalled() throws Exception {
        Result version;
        try {
            version = shellcheck(Repo.root(), "--version");
        } catch (IOException e) {
            version = new Result(-1, e.getMessage());
        }
        assertThat(version.exitCode()).as("shellcheck is installed (apt-get install shellcheck): %s", version.output())
                .isZero();
    }

    @Test
    void everyShellScriptOfTheTreePassesShellcheck() throws Exception {
        List<Path> scripts = shellScripts(Repo.root());
        assertThat(scripts).as("shell scripts found").extracting(p -> Repo.root().relativize(p).toString())
                .contains("totem", "scripts/lib/common.sh", "infra/postgres/init.sh", ".ci/run", ".mvn/jdk25.sh");
        List<String> findings = new ArrayList<>();
        for (Path script : scripts) {
            Result r = check(Repo.root(), script);
            if (r.exitCode() != 0) {
                findings.add(r.output());
            }
        }
        assertThat(findings).as("shellcheck findings").isEmpty();
    }

    @Test
    void aScriptWithAShebangIsExecutable() throws Exception {
        for (Path script : shellScripts(Repo.root())) {
            if (hasShebang(script)) {
                assertThat(Files.isExecutable(script)).as("%s is executable", Repo.root().relativize(script)).isTrue();
            }
        }
    }

    /** The check fails on a finding: an unquoted variable in a script, an unused one in a library. */
    @Test
    void aFindingFailsTheCheck(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("bad.sh"), "#!/usr/bin/env bash\nrm -rf $1/tmp\n");
        Path library = Files.writeString(dir.resolve("lib.sh"), "# shellcheck shell=bash\nx=$(date)\necho \"$y\"\n");
        Path clean = Files.writeString(dir.resolve("good.sh"), "#!/usr/bin/env bash\nrm -rf \"$1/tmp\"\n");

        assertThat(shellScripts(dir)).containsExactlyInAnyOrder(script, library, clean);
        Result bad = check(dir, script);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("SC2086");
        assertThat(check(dir, library).exitCode()).as("a library is still checked: y is never assigned").isNotZero();
        assertThat(check(dir, clean).exitCode()).isZero();
    }

    /** Files named *.sh, and files whose first line runs sh or bash, under {@code root}. */
    static List<Path> shellScripts(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (a.isRegularFile() && (file.getFileName().toString().endsWith(".sh") || hasShebang(file))) {
                    found.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    static boolean hasShebang(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            String first = lines.findFirst().orElse("");
            return first.matches("#!\\s*/(usr/)?bin/(env\\s+)?(ba)?sh\\b.*");
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    static Result check(Path root, Path script) throws Exception {
        String file = root.relativize(script).toString();
        return hasShebang(script) ? shellcheck(root, "-x", file) : shellcheck(root, "-x", "-e", "SC2034,SC2329", file);
    }

    /** Runs shellcheck in {@code dir}, so that the {@code source=} directives are relative to it. */
    static Result shellcheck(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("shellcheck"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shellcheck %s finished", List.of(args)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
