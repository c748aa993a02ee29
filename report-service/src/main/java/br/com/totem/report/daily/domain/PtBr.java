package br.com.totem.report.daily.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read in Brazil: R$ 1.234,56, 12,5 min, 85,0 %, 04/12/2026. */
public final class PtBr {

    public static final Locale LOCALE = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private PtBr() {
    }

    /** "R$ 1.234,56" (a plain space after R$, so it prints in any font). */
    public static String money(long cents) {
        NumberFormat f = NumberFormat.getCurrencyInstance(LOCALE);
        return f.format(BigDecimal.valueOf(cents, 2)).replace('\u00a0', ' ');
    }

    /** "1234,56": reais with a decimal comma and no grouping, for spreadsheets. */
    public static String decimalMoney(long cents) {
        return plain(BigDecimal.valueOf(cents, 2), 2);
    }

    /** Seconds as minutes with one decimal, "12,5"; empty when unknown. */
    public static String minutes(Double seconds) {
        return seconds == null ? "" : plain(BigDecimal.valueOf(seconds / 60.0), 1);
    }

    /** A ratio as a percentage with one decimal, "85,0"; empty when unknown. */
    public static String percent(Double ratio) {
        return ratio == null ? "" : plain(BigDecimal.valueOf(ratio * 100.0), 1);
    }

    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    private static String plain(BigDecimal value, int decimals) {
        DecimalFormat f = new DecimalFormat(decimals == 1 ? "0.0" : "0.00", DecimalFormatSymbols.getInstance(LOCALE));
        return f.format(value.setScale(decimals, RoundingMode.HALF_UP));
    }
}
