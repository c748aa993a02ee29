package br.com.totem.ticket.customer.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import br.com.totem.platform.crypto.KeyRing;

/**
 * AES-256-GCM for personal data at rest (libs/platform {@link KeyRing}: {@code <keyId>:<base64>},
 * a random nonce per value, several keys during a rotation, new values under the active one).
 *
 * <p>The associated data binds a ciphertext to its tenant and field: a CPF cipher copied into
 * another tenant's row, or into the phone column, fails to decrypt instead of being misread.
 */
public final class PiiCipher {

    private final KeyRing ring;

    public PiiCipher(Map<String, byte[]> keys, String activeKeyId) {
        this(new KeyRing("PII", keys, activeKeyId));
    }

    private PiiCipher(KeyRing ring) {
        this.ring = ring;
    }

    /**
     * Parses {@code id:base64,id:base64} ({@code TOTEM_PII_KEYS}); the active key is
     * {@code activeKeyId}, or the first listed when that is blank.
     */
    public static PiiCipher fromConfig(String keyList, String activeKeyId) {
        return new PiiCipher(KeyRing.fromConfig("PII", "TOTEM_PII_KEYS", keyList, activeKeyId));
    }

    public String activeKeyId() {
        return ring.activeKeyId();
    }

    public String encrypt(String plaintext, String tenant, String field) {
        return ring.encrypt(plaintext, aad(tenant, field));
    }

    /** @throws IllegalStateException when the value's key is not configured or it does not authenticate */
    public String decrypt(String stored, String tenant, String field) {
        try {
            return ring.decrypt(stored, aad(tenant, field));
        } catch (KeyRing.Unreadable e) {
            throw new IllegalStateException("a " + field + " value " + e.getMessage());
        }
    }

    /** Whether a stored value was written under an older key and should be re-encrypted. */
    public boolean needsReEncryption(String stored) {
        return stored != null && !ring.isActive(stored);
    }

    /** Decrypts with whatever key wrote it and encrypts under the active key. */
    public String reEncrypt(String stored, String tenant, String field) {
        return encrypt(decrypt(stored, tenant, field), tenant, field);
    }

    private static byte[] aad(String tenant, String field) {
        return (tenant + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
