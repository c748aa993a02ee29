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
}
