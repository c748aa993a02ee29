package br.com.totem.payment.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Centavos ↔ the BACEN decimal string ("37.00"). */
public final class Money {

    private Money() {
    }

    public static String toBacen(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Accepts "37.00", "37.0", "37"; rejects more than two decimals rather than rounding money. */
    public static long fromBacen(String value) {
        BigDecimal d = new BigDecimal(value.trim());
        if (d.scale() > 2 && d.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("more than two decimals: " + value);
        }
        return d.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }
}
