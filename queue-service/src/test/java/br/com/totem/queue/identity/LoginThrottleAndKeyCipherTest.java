package br.com.totem.queue.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import br.com.totem.queue.identity.domain.KeyCipher;
import br.com.totem.queue.identity.domain.LoginThrottle;
import br.com.totem.platform.security.OpaqueTokens;

class LoginThrottleAndKeyCipherTest {

    static final LoginThrottle.Policy POLICY = new LoginThrottle.Policy(3, Duration.ofSeconds(5), Duration.ofMinutes(15),
            Duration.ofHours(24));
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void whenFailuresGoBeyondTheFreeOnesThenEachMakesTheNextAttemptWaitTwiceAsLong() {
        LoginThrottle t = LoginThrottle.clear();
        for (int i = 0; i < 3; i++) {
            t = t.afterFailure(T0.plusSeconds(i), POLICY);
            assertThat(t.isBlocked(T0.plusSeconds(i))).isFalse();
        }
        Instant now = T0.plusSeconds(10);
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            t = t.afterFailure(now, POLICY);
            assertThat(t.isBlocked(now)).isTrue();
            waits.add(t.retryAfter(now).toSeconds());
            now = t.blockedUntil(); // the next attempt, as soon as it is allowed
            assertThat(t.isBlocked(now)).isFalse();
        }
        assertThat(waits).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L);
        assertThat(t.failures()).isEqualTo(13);
    }

    @Test
    void whenADayPassesWithoutFailuresThenCountingStartsOver() {
        LoginThrottle t = LoginThrottle.clear();
        for (int i = 0; i < 6; i++) {
            t = t.afterFailure(T0.plusSeconds(i), POLICY);
        }
        assertThat(t.afterFailure(T0.plus(Duration.ofHours(25)), POLICY)).satisfies(next -> {
            assertThat(next.failures()).isEqualTo(1);
            assertThat(next.blockedUntil()).isNull();
        });
        assertThat(POLICY.delayAfter(200)).isEqualTo(Duration.ofMinutes(15));
        assertThat(new LoginThrottle.Policy(0, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofHours(1)).delayAfter(1))
                .isEqualTo(Duration.ofSeconds(1));
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
