package br.com.totem.payment.settings.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String K1 = key();
    private static final String K2 = key();
    private final SecretCipher cipher = SecretCipher.fromConfig("k2:" + K2 + ",k1:" + K1, "");

    private static String key() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void encryptsUnderTheActiveKeyWithAFreshNonceAndDecryptsBack() {
        String a = cipher.encrypt("s3cr3t-do-banco", "demo", "client_secret");
        String b = cipher.encrypt("s3cr3t-do-banco", "demo", "client_secret");
        assertThat(a).startsWith("k2:").doesNotContain("s3cr3t").isNotEqualTo(b);
        assertThat(SecretCipher.isCiphertext(a)).isTrue();
        assertThat(cipher.decrypt(a, "demo", "client_secret")).isEqualTo("s3cr3t-do-banco");
        assertThat(cipher.needsReEncryption(a)).isFalse();
    }

    @Test
    void aCiphertextOfAnotherTenantOrColumnDoesNotDecrypt() {
        String stored = cipher.encrypt("s3cr3t-do-banco", "demo", "client_secret");
        assertThatThrownBy(() -> cipher.decrypt(stored, "outro", "client_secret"))
                .isInstanceOf(SecretCipher.UnreadableSecret.class)
                .hasMessageContaining("client_secret of tenant outro").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> cipher.open(stored, "demo", "webhook_secret"))
                .isInstanceOf(SecretCipher.UnreadableSecret.class).hasMessageContaining("webhook_secret of tenant demo");
        String tampered = stored.substring(0, stored.length() - 6) + (stored.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        assertThatThrownBy(() -> cipher.decrypt(tampered, "demo", "client_secret"))
                .isInstanceOf(SecretCipher.UnreadableSecret.class);
    }

    @Test
    void aValueUnderAnOlderKeyStillDecryptsAndIsReEncryptedUnderTheActiveOne() {
        String old = SecretCipher.fromConfig("k1:" + K1, "").encrypt("antigo", "demo", "webhook_secret");
        assertThat(cipher.open(old, "demo", "webhook_secret")).isEqualTo("antigo");
        assertThat(cipher.needsReEncryption(old)).isTrue();
        String now = cipher.reEncrypt(old, "demo", "webhook_secret");
        assertThat(now).startsWith("k2:");
        assertThat(cipher.decrypt(now, "demo", "webhook_secret")).isEqualTo("antigo");
    }

    @Test
    void aValueUnderAKeyNoLongerConfiguredIsAnErrorNotAClearValue() {
        String gone = SecretCipher.fromConfig("k0:" + key(), "").encrypt("perdido", "demo", "client_secret");
        assertThatThrownBy(() -> cipher.open(gone, "demo", "client_secret"))
                .isInstanceOf(SecretCipher.UnreadableSecret.class).hasMessageContaining("key 'k0', which is not configured");
        assertThatThrownBy(() -> cipher.reEncrypt(gone, "demo", "client_secret")).isInstanceOf(SecretCipher.UnreadableSecret.class);
    }

    @Test
    void aLegacyClearValueIsReadAsItIsUntilReEncrypted() {
        String hex = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"; // the seed's webhook secrets before encryption
        assertThat(SecretCipher.isCiphertext(hex)).isFalse();
        assertThat(SecretCipher.isCiphertext("totem-demo-2026")).isFalse();
        assertThat(cipher.open(hex, "demo", "webhook_secret")).isEqualTo(hex);
        assertThat(cipher.open(null, "demo", "tls_keystore_password")).isNull();
        assertThat(cipher.needsReEncryption(hex)).isTrue();
        assertThat(cipher.needsReEncryption(null)).isFalse();
        assertThat(cipher.decrypt(cipher.reEncrypt(hex, "demo", "webhook_secret"), "demo", "webhook_secret")).isEqualTo(hex);
        assertThatThrownBy(() -> cipher.decrypt(hex, "demo", "webhook_secret")).isInstanceOf(SecretCipher.UnreadableSecret.class);
    }

    @Test
    void keysAreCheckedWithoutEchoingThem() {
        assertThatThrownBy(() -> SecretCipher.fromConfig("", "")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> SecretCipher.fromConfig("k1:" + Base64.getEncoder().encodeToString(new byte[16]), ""))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromConfig("k1:not*base64", "")).hasMessage("payment secret key 'k1' is not valid base64");
        assertThatThrownBy(() -> SecretCipher.fromConfig("k1:" + K1 + ",k1:" + K2, "")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> SecretCipher.fromConfig("k1:" + K1, "k9")).hasMessageContaining("'k9' is not among");
        assertThat(SecretCipher.fromConfig("k1:" + K1 + ",k2:" + K2, "k2").activeKeyId()).isEqualTo("k2");
    }
}
