package br.com.totem.ticket.lifecycle.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The opaque token in the customer's QR code ({@code /api/v1/public/queue/{statusToken}}):
 * 256 random bits, so it can be neither guessed nor derived from the ticket id or number.
 */
public final class StatusToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StatusToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
