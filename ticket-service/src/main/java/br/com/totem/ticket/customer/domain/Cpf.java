package br.com.totem.ticket.customer.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Brazilian CPF with valid check digits, held as its 11 digits. {@link #toString()} is the
 * masked form, so a CPF that slips into a log line or a message is never in clear.
 */
public final class Cpf {

    // formatted (529.982.247-25) or bare (52998224725); nothing else
    private static final Pattern ACCEPTED = Pattern.compile("\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}");

    private final String digits;

    private Cpf(String digits) {
        this.digits = digits;
    }

    /** The CPF, or empty when the text is not a CPF with valid check digits. */
    public static Optional<Cpf> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (!ACCEPTED.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        String digits = trimmed.replaceAll("\\D", "");
        if (digits.chars().distinct().count() == 1) {
            return Optional.empty(); // 000.000.000-00 … 999.999.999-99 pass the check-digit test but are not CPFs
        }
        if (checkDigit(digits, 9) != digits.charAt(9) - '0' || checkDigit(digits, 10) != digits.charAt(10) - '0') {
            return Optional.empty();
        }
        return Optional.of(new Cpf(digits));
    }

    private static int checkDigit(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    /** The 11 digits: what is encrypted and indexed. */
    public String digits() {
        return digits;
    }

    /** {@code ***.456.789-**}: the only form shown or logged. */
    public String masked() {
        return "***." + digits.substring(3, 6) + "." + digits.substring(6, 9) + "-**";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cpf other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
