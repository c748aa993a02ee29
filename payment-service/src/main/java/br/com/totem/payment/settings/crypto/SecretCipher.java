package br.com.totem.payment.settings.crypto;

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
 * AES-256-GCM (the JDK's javax.crypto) for the providers' secrets at rest: {@code client_secret},
 * {@code tls_keystore_password} and {@code webhook_secret} of {@code provider_settings}. A stored
 * value is {@code <keyId>:<base64(nonce | ciphertext | tag)>} with a random 96-bit nonce, as
 * ticket-service's PII: each value names the key that can open it; several keys may be
 * configured (old ones to read, during a rotation) and new values always use the active one.
 *
 * <p>The associated data is the tenant and the column: a ciphertext copied into another tenant's
 * row, or into another column, fails to decrypt instead of being used as that tenant's secret.
 *
 * <p>A stored value that does not have the form of a ciphertext is clear text written before the
 * secrets were encrypted (or by an operator's {@code UPDATE}): {@link #isCiphertext} tells them
 * apart, and {@link #needsReEncryption} is true for it until it is rewritten under the active key.
 *
 * <p>Only the JDK is used here, on purpose: {@link SealSecrets} runs this class from its source
 * file for the seed script, which writes the demo settings with psql.
 */
public final class SecretCipher {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** A stored ciphertext: a key id, a colon and standard base64 of at least nonce + tag (28 bytes). */
    private static final Pattern CIPHERTEXT = Pattern.compile("[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{36,}={0,2}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(Map<String, byte[]> keys, String activeKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one payment secret key is required");
        }
        Map<String, SecretKey> checked = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("payment secret key id '" + id + "' must be 1–32 letters, digits, - or _");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("payment secret key '" + id + "' must be 32 bytes (AES-256), was " + bytes.length);
            }
            checked.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!checked.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active payment secret key '" + activeKeyId
                    + "' is not among the configured keys " + checked.keySet());
        }
        this.keys = Map.copyOf(checked);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code TOTEM_PAYMENT_SECRET_KEYS}, {@code id:base64,id:base64}; the active key is
     * {@code activeKeyId}, or the first listed when that is blank.
     */
    public static SecretCipher fromConfig(String keyList, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : (keyList == null ? "" : keyList).split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(
                        "TOTEM_PAYMENT_SECRET_KEYS entries are <keyId>:<base64 of 32 bytes>, comma-separated");
            }
            String id = trimmed.substring(0, colon);
            if (keys.put(id, decodeKey(id, trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("payment secret key id '" + id + "' appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("TOTEM_PAYMENT_SECRET_KEYS holds no key");
        }
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId.strip();
        return new SecretCipher(keys, active);
    }

    private static byte[] decodeKey(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payment secret key '" + id + "' is not valid base64"); // never echo the key
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts {@code plaintext} under the active key, bound to {@code tenant} and {@code column}. */
    public String encrypt(String plaintext, String tenant, String column) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(tenant, column));
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
     * Decrypts a value this class wrote for the same tenant and column, with whichever configured key
     * wrote it.
     *
     * @throws UnreadableSecret when the key is not configured or the value does not authenticate
     *                          (wrong key, another tenant's or column's value, altered bytes); the
     *                          message names neither the value nor the key
     */
    public String decrypt(String stored, String tenant, String column) {
        if (!isCiphertext(stored)) {
            throw new UnreadableSecret(tenant, column, "is not a ciphertext");
        }
        int colon = stored.indexOf(':');
        String keyId = stored.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new UnreadableSecret(tenant, column, "is encrypted with key '" + keyId + "', which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(tenant, column));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecret(tenant, column,
                    "failed authentication under key '" + keyId + "' (wrong key, or written for another tenant or column)");
        }
    }

    /**
     * Whether a stored value has the form of a ciphertext ({@code <keyId>:<base64>}); anything else is
     * a clear value written before encryption, read as it is until it is re-encrypted.
     */
    public static boolean isCiphertext(String stored) {
        return stored != null && CIPHERTEXT.matcher(stored).matches();
    }

    /** The value to use: a ciphertext decrypted, a legacy clear value as it is, null as null. */
    public String open(String stored, String tenant, String column) {
        if (stored == null || !isCiphertext(stored)) {
            return stored;
        }
        return decrypt(stored, tenant, column);
    }

    /** Whether a stored value is clear text or under an older key, and should be rewritten under the active key. */
    public boolean needsReEncryption(String stored) {
        return stored != null && !(isCiphertext(stored) && stored.startsWith(activeKeyId + ":"));
    }

    /** Opens a stored value (clear, or under any configured key) and encrypts it under the active key. */
    public String reEncrypt(String stored, String tenant, String column) {
        return encrypt(open(stored, tenant, column), tenant, column);
    }

    private static byte[] aad(String tenant, String column) {
        return ("provider_settings|" + tenant + "|" + column).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored secret that cannot be decrypted: never used as a secret, never echoed. */
    public static final class UnreadableSecret extends IllegalStateException {

        private final String tenant;
        private final String column;

        UnreadableSecret(String tenant, String column, String why) {
            super("the " + column + " of tenant " + tenant + " " + why);
            this.tenant = tenant;
            this.column = column;
        }

        public String tenant() {
            return tenant;
        }

        public String column() {
            return column;
        }
    }
}
