package br.com.totem.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequiredSecretsTest {

    @Test
    void whenSecretsAreMissingOrBlankThenEachIsNamed() {
        Map<String, String> env = Map.of("TOTEM_DB_PASSWORD", "s3cret", "TOTEM_RABBIT_PASSWORD", "  ");
        List<String> missing = RequiredSecrets.missing(
                List.of("TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD", "TOTEM_PII_KEYS"), env::get);
        assertThat(missing).containsExactly("TOTEM_RABBIT_PASSWORD", "TOTEM_PII_KEYS");
    }

    @Test
    void whenAllSecretsArePresentThenNothingIsMissing() {
        assertThat(RequiredSecrets.missing(List.of("A", "B"), n -> "x")).isEmpty();
    }

    @Test
    void messageIsOneLineNamingTheVariable() {
        String message = RequiredSecrets.message(List.of("TOTEM_DB_PASSWORD"));
        assertThat(message).isEqualTo("FATAL: required secret TOTEM_DB_PASSWORD is not set (see .env.example)")
                .doesNotContain("\n");
        assertThat(RequiredSecrets.message(List.of("A", "B"))).contains("secrets A, B are not set");
    }

    @Test
    void placeholdersAndPublishedDevelopmentValuesAreNamed() {
        // issue 12 item 10: .env.example's placeholder passed the old check
        Map<String, String> env = Map.of("TOTEM_QUEUE_KEY_SECRET", "change-me-queue-key-secret",
                "TOTEM_PII_KEYS", "new:" + "a".repeat(44) + ",dev:dG90ZW0tZGV2LXBpaS1rZXktTk9ULUEtU0VDUkVUISE=",
                "TOTEM_DB_PASSWORD", "totem-dev-db", "TOTEM_RABBIT_PASSWORD", "Zx8-real-random-value");
        assertThat(RequiredSecrets.development(List.of("TOTEM_QUEUE_KEY_SECRET", "TOTEM_PII_KEYS", "TOTEM_DB_PASSWORD",
                "TOTEM_RABBIT_PASSWORD", "TOTEM_PII_INDEX_KEY"), env::get))
                .containsExactly("TOTEM_QUEUE_KEY_SECRET", "TOTEM_PII_KEYS", "TOTEM_DB_PASSWORD");
        assertThat(RequiredSecrets.developmentMessage(List.of("TOTEM_DB_PASSWORD"))).startsWith("FATAL: TOTEM_DB_PASSWORD holds")
                .contains("TOTEM_DEV_MODE=true").doesNotContain("totem-dev-db").doesNotContain("\n");
    }

    @Test
    void aServiceStartedWithThePlaceholderStopsAtOnceSayingWhy() throws Exception {
        // the real start-up path (main → verifyOrExit) in a child JVM
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("TOTEM_QUEUE_KEY_SECRET", "change-me-queue-key-secret");
        pb.environment().remove("TOTEM_DEV_MODE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(RequiredSecrets.EXIT_CODE);
        assertThat(out).contains("FATAL: TOTEM_QUEUE_KEY_SECRET holds a placeholder");

        pb.environment().put("TOTEM_DEV_MODE", "true");
        Process dev = pb.start();
        dev.getInputStream().readAllBytes();
        assertThat(dev.waitFor()).isZero();
    }

    /** A main that checks like a service does. */
    static final class Probe {
        public static void main(String[] args) {
            RequiredSecrets.verifyOrExit("TOTEM_QUEUE_KEY_SECRET");
        }
    }
}
