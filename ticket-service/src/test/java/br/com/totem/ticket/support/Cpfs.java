package br.com.totem.ticket.support;

import java.util.concurrent.ThreadLocalRandom;

/** Valid CPFs for tests: random first nine digits and their check digits. */
public final class Cpfs {

    private Cpfs() {
    }

    /** Bare, 11 digits. */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder digits;
        do {
            digits = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                digits.append(r.nextInt(10));
            }
        } while (digits.chars().distinct().count() == 1);
        digits.append(check(digits, 9));
        digits.append(check(digits, 10));
        return digits.toString();
    }

    /** 529.982.247-25 style. */
    public static String formatted(String bare) {
        return bare.substring(0, 3) + "." + bare.substring(3, 6) + "." + bare.substring(6, 9) + "-" + bare.substring(9);
    }

    private static int check(CharSequence digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }
}
