package br.com.totem.payment.settings.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import br.com.totem.platform.crypto.KeyRing;

/**
 * AES-256-GCM (libs/platform {@link KeyRing}) for the providers' secrets at rest: {@code client_secret},
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
 * <p>Only the JDK and {@link KeyRing} are used here, on purpose: {@link SealSecrets} runs this class
 * from its source file, with libs/platform's compiled classes on the class path, for the seed
 * script, which writes the demo settings with psql.
 */
public final class SecretCipher {

    /** A stored ciphertext: a key id, a colon and standard base64 of at least nonce + tag (28 bytes). */
    private static final Pattern CIPHERTEXT = Pattern.compile("[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{36,}={0,2}");

    private final KeyRing ring;

    public SecretCipher(Map<String, byte[]> keys, String activeKeyId) {
        this(new KeyRing("payment secret", keys, activeKeyId));
    }

    private SecretCipher(KeyRing ring) {
        this.ring = ring;
    }

    /**
     * Parses {@code TOTEM_PAYMENT_SECRET_KEYS}, {@code id:base64,id:base64}; the active key is
     * {@code activeKeyId}, or the first listed when that is blank.
     */
    public static SecretCipher fromConfig(String keyList, String activeKeyId) {
        return new SecretCipher(KeyRing.fromConfig("payment secret", "TOTEM_PAYMENT_SECRET_KEYS", keyList, activeKeyId));
    }

    public String activeKeyId() {
        return ring.activeKeyId();
    }

    /** Encrypts {@code plaintext} under the active key, bound to {@code tenant} and {@code column}. */
    public String encrypt(String plaintext, String tenant, String column) {
        return ring.encrypt(plaintext, aad(tenant, column));
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
        try {
            return ring.decrypt(stored, aad(tenant, column));
        } catch (KeyRing.Unreadable e) {
            throw new UnreadableSecret(tenant, column, e.getMessage());
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
        return stored != null && !(isCiphertext(stored) && ring.isActive(stored));
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
