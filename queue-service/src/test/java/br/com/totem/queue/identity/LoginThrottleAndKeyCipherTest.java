package br.com.totem.queue.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import br.com.totem.queue.identity.domain.KeyCipher;
import br.com.totem.queue.identity.domain.LoginThrottle;
import br.com.totem.platform.security.OpaqueTokens;

class LoginThrottleAndKeyCipherTest {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void whenFiveFailuresFallInTheWindowThenTheNameIsLockedFor15Minutes() {
        LoginThrottle t = LoginThrottle.clear(T0);
        for (int i = 0; i < 4; i++) {
            t = t.afterFailure(T0.plusSeconds(i), 5, WINDOW);
            assertThat(t.isLocked(T0.plusSeconds(i))).isFalse();
        }
        t = t.afterFailure(T0.plusSeconds(10), 5, WINDOW);
        assertThat(t.isLocked(T0.plusSeconds(11))).isTrue();
        assertThat(t.retryAfter(T0.plusSeconds(10))).isEqualTo(WINDOW);
        assertThat(t.isLocked(T0.plusSeconds(10).plus(WINDOW))).isFalse();
        // after the lock expires, counting starts over
        assertThat(t.afterFailure(T0.plus(Duration.ofMinutes(30)), 5, WINDOW).failures()).isEqualTo(1);
    }

    @Test
    void whenFailuresAreSpreadBeyondTheWindowThenTheyDoNotAddUp() {
        LoginThrottle t = LoginThrottle.clear(T0);
        for (int i = 0; i < 10; i++) {
            t = t.afterFailure(T0.plus(Duration.ofMinutes(16L * i)), 5, WINDOW);
        }
        assertThat(t.failures()).isEqualTo(1);
        assertThat(t.lockedUntil()).isNull();
    }

    @Test
    void whenAKeyIsSealedThenOnlyTheSameSecretAndKidOpenIt() {
        byte[] key = "private key bytes".getBytes(StandardCharsets.UTF_8);
        KeyCipher.Sealed sealed = new KeyCipher("the-right-secret-0123").seal("kid-1", key);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("private");
        assertThat(new KeyCipher("the-right-secret-0123").open("kid-1", sealed)).isEqualTo(key);
        assertThatThrownBy(() -> new KeyCipher("a-wrong-secret-000000").open("kid-1", sealed))
                .hasMessageContaining("TOTEM_QUEUE_KEY_SECRET");
        assertThatThrownBy(() -> new KeyCipher("the-right-secret-0123").open("kid-2", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenRefreshTokensAreMadeThenTheyAreRandomAndStoredOnlyAsHashes() {
        String a = OpaqueTokens.generate();
        assertThat(a).hasSize(43).isNotEqualTo(OpaqueTokens.generate());
        assertThat(OpaqueTokens.hash(a)).hasSize(32).isEqualTo(OpaqueTokens.hash(a));
    }
}
