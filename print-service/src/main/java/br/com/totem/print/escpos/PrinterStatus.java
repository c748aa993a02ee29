package br.com.totem.print.escpos;

/**
 * What a printer answered to {@code DLE EOT 1}, {@code DLE EOT 2} and {@code DLE EOT 4}
 * (real-time status). Each reply is one byte whose bits 1 and 4 are always 1 and bits 0 and 7
 * always 0; a byte that breaks that rule is not a status reply (a stale or foreign byte) and is
 * refused rather than read as "all fine". Bit meanings: docs/printing.md, "Reading status".
 */
public record PrinterStatus(boolean offline, boolean coverOpen, boolean stoppedByPaperEnd, boolean error,
                            boolean paperNearEnd, boolean paperOut) {

    /** {@code DLE EOT n} for n = 1 (printer), 2 (offline cause), 4 (roll paper), in this order. */
    public static final byte[] QUERY = {0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04};

    /** Reads the three replies to {@link #QUERY}, in order. */
    public static PrinterStatus parse(byte printer, byte offlineCause, byte paper) {
        requireStatusByte(printer, 1);
        requireStatusByte(offlineCause, 2);
        requireStatusByte(paper, 4);
        return new PrinterStatus(
                (printer & 0x08) != 0,
                (offlineCause & 0x04) != 0,
                (offlineCause & 0x20) != 0,
                (offlineCause & 0x40) != 0,
                (paper & 0x0C) != 0,
                (paper & 0x60) != 0);
    }

    /** The printer can take a job now. Paper near its end still prints. */
    public boolean ready() {
        return !offline && !coverOpen && !paperOut && !stoppedByPaperEnd && !error;
    }

    /** The single reason a job cannot print now, as a stable code, or null when {@link #ready()}. */
    public String problem() {
        if (paperOut || stoppedByPaperEnd) {
            return "PAPER_OUT";
        }
        if (coverOpen) {
            return "COVER_OPEN";
        }
        if (error) {
            return "PRINTER_ERROR";
        }
        if (offline) {
            return "OFFLINE";
        }
        return null;
    }

    private static void requireStatusByte(byte b, int n) {
        if ((b & 0x12) != 0x12 || (b & 0x81) != 0) {
            throw new IllegalArgumentException(
                    "not a DLE EOT %d reply: 0x%02X (bits 1 and 4 must be on, bits 0 and 7 off)".formatted(n, b & 0xFF));
        }
    }
}
