package br.com.totem.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (the JDK's javax.crypto) under a ring of named keys, for values kept at rest: a stored
 * value is {@code <keyId>:<base64(nonce | ciphertext | tag)>} with a random 96-bit nonce, so the same
 * text never encrypts to the same value twice and each value names the key that opens it. Several
 * keys may be configured (old ones to read during a rotation); new values always use the active one.
 * The caller's associated data binds a value to where it belongs (a tenant and a column): a value
 * copied elsewhere fails to decrypt instead of being misread.
 *
 * <p>Used by ticket-service's personal data and payment-service's provider secrets; this is the one
 * place that touches the cipher. Only the JDK, so a script can run a service's wrapper from source
 * with this class's compiled directory on the class path.
 */
public final class KeyRing {

    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param label what the keys are for, in error messages ("PII", "payment secret")
     * @param keys  key id → 32 bytes
     */
    public KeyRing(String label, Map<String, byte[]> keys, String activeKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one " + label + " key is required");
        }
        Map<String, SecretKey> checked = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(label + " key id '" + id + "' must be 1–32 letters, digits, - or _");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException(label + " key '" + id + "' must be 32 bytes (AES-256), was " + bytes.length);
            }
            checked.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!checked.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active " + label + " key '" + activeKeyId
                    + "' is not among the configured keys " + checked.keySet());
        }
        this.keys = Map.copyOf(checked);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code id:base64,id:base64} (the value of {@code variable}); the active key is
     * {@code activeKeyId}, or the first listed when that is blank. Messages never echo a key.
     */
    public static KeyRing fromConfig(String label, String variable, String keyList, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : (keyList == null ? "" : keyList).split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(variable + " entries are <keyId>:<base64 of 32 bytes>, comma-separated");
            }
            String id = trimmed.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + " key '" + id + "' is not valid base64"); // never echo the key
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException(label + " key id '" + id + "' appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(variable + " holds no key");
        }
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId.strip();
        return new KeyRing(label, keys, active);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Whether a stored value was written under the active key. */
    public boolean isActive(String stored) {
        return stored != null && stored.startsWith(activeKeyId + ":");
    }

    /** {@code plaintext} under the active key, bound to {@code associatedData}. */
    public String encrypt(String plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens a value written by {@link #encrypt} with the same associated data, under whichever
     * configured key wrote it.
     *
     * @throws Unreadable when it names no configured key, is not base64, or does not authenticate
     *                    (wrong key, or written for other associated data, or altered)
     */
    public String decrypt(String stored, byte[] associatedData) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        String keyId = colon < 1 ? null : stored.substring(0, colon);
        SecretKey key = keyId == null ? null : keys.get(keyId);
        if (key == null) {
            throw new Unreadable(keyId, "is encrypted with " + (keyId == null ? "no key id" : "key '" + keyId + "'")
                    + ", which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable(keyId, "failed authentication under key '" + keyId + "' (wrong key, or written for another place)");
        }
    }

    /** A stored value that cannot be opened; the message names neither the value nor a key's bytes. */
    public static final class Unreadable extends IllegalStateException {

        private final String keyId;

        Unreadable(String keyId, String why) {
            super(why);
            this.keyId = keyId;
        }

        /** The key id the value names, or null. */
        public String keyId() {
            return keyId;
        }
    }
}
