package br.com.totem.print.push;

import br.com.totem.print.escpos.PrinterStatus;

/**
 * The printer could not take or finish a job. {@link #reason()} is the stable code carried by
 * {@code print.failed}: {@code PAPER_OUT}, {@code COVER_OPEN}, {@code PRINTER_ERROR}, {@code OFFLINE}
 * (from {@code DLE EOT}), {@code UNREACHABLE} (no connection), {@code CONNECTION_LOST} (the connection
 * broke during the job) or {@code NO_STATUS} (no valid status reply in time).
 */
public class PrinterUnavailableException extends RuntimeException {

    private final String reason;
    private final transient PrinterStatus status;

    public PrinterUnavailableException(String reason, PrinterStatus status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public String reason() {
        return reason;
    }

    /** The status read from the printer, or null when none could be read. */
    public PrinterStatus status() {
        return status;
    }

    /** True when the printer said it cannot print (paper, cover, offline): retrying soon will not help. */
    public boolean reportedByPrinter() {
        return status != null && !status.ready();
    }
}
