package br.com.totem.queue.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a signing key's private part at rest: AES-256-GCM under a key derived with
 * PBKDF2-HMAC-SHA256 from the service's key secret and a per-key salt; the kid is the
 * associated data, so a row's ciphertext cannot be moved to another kid.
 */
public final class KeyCipher {

    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] secret;

    public KeyCipher(String secret) {
        this.secret = secret.toCharArray();
    }

    public record Sealed(byte[] ciphertext, byte[] salt, byte[] iv) {
    }

    public Sealed seal(String kid, byte[] plaintext) {
        byte[] salt = random(16);
        byte[] iv = random(12);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(salt), new GCMParameterSpec(128, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return new Sealed(cipher.doFinal(plaintext), salt, iv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + kid, e);
        }
    }

    /** @throws IllegalStateException when the secret is not the one the key was sealed with */
    public byte[] open(String kid, Sealed sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(sealed.salt()), new GCMParameterSpec(128, sealed.iv()));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + ": TOTEM_QUEUE_KEY_SECRET differs from the one it was encrypted with", e);
        }
    }

    private SecretKeySpec derive(byte[] salt) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(secret, salt, ITERATIONS, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
