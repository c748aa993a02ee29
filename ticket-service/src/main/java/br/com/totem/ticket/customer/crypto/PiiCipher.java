package br.com.totem.ticket.customer.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for personal data at rest. A stored value is {@code <keyId>:<base64(nonce | ciphertext | tag)>}
 * with a random 96-bit nonce, so the same CPF never encrypts to the same text twice and each
 * value names the key that can open it. Several keys may be configured (old ones to read, during
 * a rotation); new values always use the active one.
 *
 * <p>The associated data binds a ciphertext to its tenant and field: a CPF cipher copied into
 * another tenant's row, or into the phone column, fails to decrypt instead of being misread.
 */
public final class PiiCipher {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public PiiCipher(Map<String, byte[]> keys, String activeKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one PII key is required");
        }
        Map<String, SecretKey> checked = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("PII key id '" + id + "' must be 1–32 letters, digits, - or _");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("PII key '" + id + "' must be 32 bytes (AES-256), was " + bytes.length);
            }
            checked.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!checked.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active PII key '" + activeKeyId + "' is not among the configured keys " + checked.keySet());
        }
        this.keys = Map.copyOf(checked);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code id:base64,id:base64}; the active key is {@code activeKeyId}, or the first
     * listed when that is blank.
     */
    public static PiiCipher fromConfig(String keyList, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : keyList.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("TOTEM_PII_KEYS entries are <keyId>:<base64 of 32 bytes>, comma-separated");
            }
            String id = trimmed.substring(0, colon);
            if (keys.put(id, decode(id, trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("PII key id '" + id + "' appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("TOTEM_PII_KEYS holds no key");
        }
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId.strip();
        return new PiiCipher(keys, active);
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PII key '" + id + "' is not valid base64"); // never echo the key
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String encrypt(String plaintext, String tenant, String field) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(tenant, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String stored, String tenant, String field) {
        int colon = stored.indexOf(':');
        SecretKey key = colon < 1 ? null : keys.get(stored.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("a " + field + " value is encrypted with a key that is not configured ("
                    + (colon < 1 ? "no key id" : stored.substring(0, colon)) + ")");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(tenant, field));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a " + field + " value failed authentication (wrong key, tenant or field)");
        }
    }

    /** Whether a stored value was written under an older key and should be re-encrypted. */
    public boolean needsReEncryption(String stored) {
        return stored != null && !stored.startsWith(activeKeyId + ":");
    }

    /** Decrypts with whatever key wrote it and encrypts under the active key. */
    public String reEncrypt(String stored, String tenant, String field) {
        return encrypt(decrypt(stored, tenant, field), tenant, field);
    }

    private static byte[] aad(String tenant, String field) {
        return (tenant + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
