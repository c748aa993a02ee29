package br.com.totem.ticket.customer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PiiCipherTest {

    private static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes();

    private static PiiCipher cipher(String active) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", K1);
        keys.put("k2", K2);
        return new PiiCipher(keys, active);
    }

    @Test
    void whenEncryptedThenTheValueNamesTheKeyAndDecryptsBack() {
        PiiCipher c = cipher("k1");
        String stored = c.encrypt("52998224725", "demo", "cpf");
        assertThat(stored).startsWith("k1:").doesNotContain("52998224725");
        assertThat(c.decrypt(stored, "demo", "cpf")).isEqualTo("52998224725");
    }

    @Test
    void whenTheSameValueIsEncryptedTwiceThenTheCiphertextsDiffer() {
        PiiCipher c = cipher("k1");
        assertThat(c.encrypt("52998224725", "demo", "cpf")).isNotEqualTo(c.encrypt("52998224725", "demo", "cpf"));
    }

    @Test
    void whenTheCiphertextIsTamperedOrMovedToAnotherTenantOrFieldThenDecryptionFails() {
        PiiCipher c = cipher("k1");
        String stored = c.encrypt("52998224725", "demo", "cpf");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> c.decrypt(tampered, "demo", "cpf")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.decrypt(stored, "outro", "cpf")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.decrypt(stored, "demo", "phone")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenTheActiveKeyChangesThenOldValuesStillDecryptAndAreReEncryptedUnderTheNewKey() {
        String old = cipher("k1").encrypt("+5511987654321", "demo", "phone");
        PiiCipher rotated = cipher("k2");
        assertThat(rotated.needsReEncryption(old)).isTrue();
        String renewed = rotated.reEncrypt(old, "demo", "phone");
        assertThat(renewed).startsWith("k2:");
        assertThat(rotated.needsReEncryption(renewed)).isFalse();
        assertThat(rotated.decrypt(renewed, "demo", "phone")).isEqualTo("+5511987654321");
    }

    @Test
    void whenAValueNamesAKeyThatIsNotConfiguredThenTheErrorSaysWhichKeyWithoutTheValue() {
        String stored = cipher("k1").encrypt("52998224725", "demo", "cpf");
        PiiCipher onlyK2 = new PiiCipher(Map.of("k2", K2), "k2");
        assertThatThrownBy(() -> onlyK2.decrypt(stored, "demo", "cpf"))
                .hasMessageContaining("k1").hasMessageNotContaining("52998224725");
    }

    @Test
    void whenConfiguredFromTheEnvironmentFormatThenTheFirstKeyIsActiveUnlessOneIsNamed() {
        String list = "a:" + Base64.getEncoder().encodeToString(K1) + ", b:" + Base64.getEncoder().encodeToString(K2);
        assertThat(PiiCipher.fromConfig(list, "").activeKeyId()).isEqualTo("a");
        assertThat(PiiCipher.fromConfig(list, "b").activeKeyId()).isEqualTo("b");
    }

    @Test
    void whenTheConfigurationIsWrongThenStartUpFailsWithoutEchoingKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString("too-short".getBytes());
        assertThatThrownBy(() -> PiiCipher.fromConfig("a:" + shortKey, null)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> PiiCipher.fromConfig("a:not*base64", null)).hasMessageContaining("base64")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> PiiCipher.fromConfig("a:" + Base64.getEncoder().encodeToString(K1), "zz"))
                .hasMessageContaining("zz");
        assertThatThrownBy(() -> PiiCipher.fromConfig(" , ", null)).hasMessageContaining("no key");
    }
}
