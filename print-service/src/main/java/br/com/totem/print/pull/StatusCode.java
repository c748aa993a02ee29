package br.com.totem.print.pull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A CloudPRNT status or result code: three (or four) digits, then optionally a space and text, sent
 * URL-encoded ({@code 200%20OK}, {@code 200+OK}, {@code 410%20Paper%20Empty}). Printers disagree on
 * the exact text (the spec's {@code OK}, a real mC-Print3's {@code 200+OK}, an emulator's {@code 200}),
 * so only the leading digits count; a bare {@code OK} is 200 (docs/printing.md).
 *
 * @param code the number, or 0 when none could be read
 * @param text what the printer sent, decoded
 */
public record StatusCode(int code, String text) {

    public static StatusCode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new StatusCode(0, "");
        }
        String text;
        try {
            text = URLDecoder.decode(raw.strip(), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            text = raw.strip(); // a stray '%': keep it as it came
        }
        int digits = 0;
        while (digits < text.length() && digits < 4 && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits >= 3) {
            return new StatusCode(Integer.parseInt(text.substring(0, digits)), text);
        }
        return new StatusCode(text.regionMatches(true, 0, "OK", 0, 2) ? 200 : 0, text);
    }

    /** 2xx: the printer is online (211 paper low still prints) or the job printed. */
    public boolean success() {
        return code >= 200 && code < 300 || code >= 2000 && code < 3000;
    }

    private int group() {
        return code >= 1000 ? code / 100 : code / 10;
    }

    /** A 4xx condition of the printer itself (paper, cover, jam): it cannot print now. */
    public boolean printerCondition() {
        return code >= 400 && code < 500 || code >= 4000 && code < 5000;
    }

    /** A 5xx: the printer could not use the data it was sent (bad type, decode failure, too large, timeout). */
    public boolean dataRejected() {
        return code >= 500 && code < 600 || code >= 5000 && code < 6000;
    }

    /** The stable reason a job fails with, in the words the push path uses for the same condition. */
    public String reason() {
        return switch (group()) {
            case 41 -> code == 410 || code == 4100 ? "PAPER_OUT" : "PRINTER_ERROR";
            case 42 -> "COVER_OPEN";
            case 51, 52 -> "PRINTER_REJECTED";
            default -> "PRINTER_ERROR";
        };
    }
}
