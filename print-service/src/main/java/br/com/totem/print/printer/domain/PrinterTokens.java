package br.com.totem.print.printer.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A CloudPRNT printer's own secret: 256 random bits, shown once to the manager who registers the
 * printer and configured in the printer's server URL; only its SHA-256 is stored. A MAC address is
 * no secret, so it never authenticates a printer by itself (docs/printing.md).
 */
public final class PrinterTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrinterTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
