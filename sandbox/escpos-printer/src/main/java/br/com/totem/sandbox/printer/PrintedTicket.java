package br.com.totem.sandbox.printer;

import java.time.Instant;
import java.util.List;

/**
 * What came out of the printer between two cuts (or up to a dropped connection).
 *
 * @param lines    printed lines, in order
 * @param qrCodes  the QR codes printed, with the data they carry
 * @param cut      "PARTIAL", "FULL", or null when the paper was never cut (connection dropped mid-job)
 * @param codePage the {@code ESC t} table in use at the end (Epson numbering)
 * @param warnings commands the sandbox does not know, or malformed ones
 * @param via      how it arrived: {@code TCP} (raw ESC/POS on the printer's port) or {@code CLOUDPRNT <media type>}
 *                 (fetched by polling); a PNG ticket has no text lines, only its image and the QR read from it
 */
public record PrintedTicket(long sequence, Instant printedAt, List<Line> lines, List<Qr> qrCodes, String cut,
                            int codePage, int bytes, List<String> warnings, String via) {

    public static final String TCP = "TCP";

    public record Line(String text, String align, boolean bold, int width, int height) {
    }

    public record Qr(String data, int model, int moduleSize, String errorCorrection) {
    }

    /** The printed text, one line per line, as a person would read it. */
    public String text() {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }

    public boolean complete() {
        return cut != null;
    }
}
