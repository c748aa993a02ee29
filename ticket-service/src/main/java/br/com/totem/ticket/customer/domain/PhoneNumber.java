package br.com.totem.ticket.customer.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Brazilian phone number in E.164 ({@code +5511987654321}). Accepts what people type:
 * with or without +55, spaces, dashes and parentheses. A mobile has 9 digits starting with 9;
 * a landline 8 digits starting with 2–5. {@link #toString()} is masked.
 */
public final class PhoneNumber {

    private static final Pattern TYPED = Pattern.compile("[+]?[\\d\\s().-]{10,25}");
    private static final Set<Integer> AREA_CODES = Set.of(
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
            41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
            71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99);

    private final String e164;

    private PhoneNumber(String e164) {
        this.e164 = e164;
    }

    public static Optional<PhoneNumber> parse(String text) {
        if (text == null || !TYPED.matcher(text.strip()).matches()) {
            return Optional.empty();
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() > 11 && digits.startsWith("55")) {
            digits = digits.substring(2);
        } else if (text.strip().startsWith("+")) {
            return Optional.empty(); // another country code
        }
        if (digits.startsWith("0")) {
            digits = digits.substring(1); // trunk prefix: 0 11 98765-4321
        }
        if (digits.length() != 10 && digits.length() != 11) {
            return Optional.empty();
        }
        if (!AREA_CODES.contains(Integer.parseInt(digits.substring(0, 2)))) {
            return Optional.empty();
        }
        char first = digits.charAt(2);
        boolean mobile = digits.length() == 11 && first == '9';
        boolean landline = digits.length() == 10 && first >= '2' && first <= '5';
        return mobile || landline ? Optional.of(new PhoneNumber("+55" + digits)) : Optional.empty();
    }

    /** Rebuilds a number already validated and stored. */
    public static PhoneNumber ofE164(String e164) {
        return parse(e164).orElseThrow(() -> new IllegalArgumentException("not a Brazilian E.164 number"));
    }

    public String e164() {
        return e164;
    }

    /** {@code +55 11 *****-4321}. */
    public String masked() {
        return "+55 " + e164.substring(3, 5) + " *****-" + e164.substring(e164.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && other.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
