package br.com.totem.sandbox.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an ESC/POS byte stream the way a TM-class printer does, byte by byte, and turns it into
 * printed tickets: text lines with their alignment, emphasis and size, QR codes with their data,
 * and the cut that ends a ticket. Written independently of print-service's encoder (it follows the
 * Epson command reference in docs/printing.md), so the two check each other.
 *
 * <p>Real-time {@code DLE EOT n} is answered through {@link Replies} as soon as it is read, between
 * commands, like a printer answering on receipt.
 */
public final class EscPosDecoder {

    /** Answers {@code DLE EOT n}. */
    public interface Replies {
        void status(int n);
    }

    static final Map<Integer, Charset> CODE_PAGES = Map.of(
            0, Charset.forName("IBM437"),
            2, Charset.forName("IBM850"),
            3, Charset.forName("IBM860"),
            16, Charset.forName("windows-1252"),
            19, Charset.forName("IBM00858"));

    private final Replies replies;
    private final Consumer<PrintedTicket> printed;
    private final PrinterCounter counter;

    // the command being read
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    // the line being composed
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    // print modes
    private int codePage = 0;
    private String align = "LEFT";
    private boolean bold;
    private int width = 1;
    private int height = 1;
    private String lineAlign;
    private boolean lineBold;
    private int lineWidth = 1;
    private int lineHeight = 1;
    // QR settings (fn 165/167/169) and stored data (fn 180)
    private int qrModel = 50;
    private int qrModule = 3;
    private int qrEc = 48;
    private byte[] qrData;

    // the ticket being printed
    private final List<PrintedTicket.Line> lines = new ArrayList<>();
    private final List<PrintedTicket.Qr> qrCodes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int ticketBytes;

    public interface PrinterCounter {
        long next();
    }

    private String via = PrintedTicket.TCP;

    /** How the bytes arrived, recorded on each ticket (TCP unless set). */
    public EscPosDecoder via(String via) {
        this.via = via;
        return this;
    }

    public EscPosDecoder(Replies replies, Consumer<PrintedTicket> printed, PrinterCounter counter) {
        this.replies = replies;
        this.printed = printed;
        this.counter = counter;
    }

    public void accept(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            accept(bytes[i] & 0xFF);
        }
    }

    /** One byte from the host. */
    public void accept(int b) {
        ticketBytes++;
        if (command.size() > 0) {
            command.write(b);
            tryComplete();
            return;
        }
        switch (b) {
            case 0x1B, 0x1D, 0x10 -> command.write(b);
            case 0x0A -> printLine();
            case 0x0D -> { } // CR: ignored, LF prints
            default -> {
                if (b < 0x20) {
                    warnings.add("byte de controle desconhecido 0x%02X".formatted(b));
                } else {
                    if (text.size() == 0) {
                        lineAlign = align;
                        lineBold = bold;
                        lineWidth = width;
                        lineHeight = height;
                    }
                    text.write(b);
                }
            }
        }
    }

    /** The connection ended: what was printed without a cut is handed over as an uncut ticket. */
    public void endOfStream() {
        if (text.size() > 0) {
            printLine();
        }
        if (!lines.isEmpty() || !qrCodes.isEmpty()) {
            finishTicket(null);
        }
        command.reset();
    }

    private void tryComplete() {
        byte[] c = command.toByteArray();
        int first = c[0] & 0xFF;
        int n = c.length;
        if (first == 0x10) {
            if (n == 3) {
                if ((c[1] & 0xFF) == 0x04) {
                    replies.status(c[2] & 0xFF);
                } else {
                    warnings.add("comando DLE desconhecido 0x%02X".formatted(c[1] & 0xFF));
                }
                command.reset();
            }
            return;
        }
        if (first == 0x1B) {
            if (n < 2) {
                return;
            }
            int cmd = c[1] & 0xFF;
            if (cmd == '@') {
                initialize();
                command.reset();
                return;
            }
            if (n < 3) {
                return;
            }
            int p = c[2] & 0xFF;
            switch (cmd) {
                case 't' -> {
                    if (CODE_PAGES.containsKey(p)) {
                        codePage = p;
                    } else {
                        warnings.add("tabela de caracteres " + p + " desconhecida");
                    }
                }
                case 'a' -> align = switch (p) {
                    case 0, 48 -> "LEFT";
                    case 1, 49 -> "CENTER";
                    case 2, 50 -> "RIGHT";
                    default -> {
                        warnings.add("alinhamento inválido " + p);
                        yield align;
                    }
                };
                case 'E' -> bold = (p & 1) == 1;
                case 'd' -> {
                    for (int i = 0; i < p; i++) {
                        printLine();
                    }
                }
                default -> warnings.add("comando ESC 0x%02X desconhecido".formatted(cmd));
            }
            command.reset();
            return;
        }
        // GS
        if (n < 2) {
            return;
        }
        int cmd = c[1] & 0xFF;
        switch (cmd) {
            case '!' -> {
                if (n == 3) {
                    width = ((c[2] >> 4) & 0x07) + 1;
                    height = (c[2] & 0x07) + 1;
                    command.reset();
                }
            }
            case 'V' -> {
                if (n >= 3) {
                    int m = c[2] & 0xFF;
                    if (m == 0 || m == 48 || m == 1 || m == 49) {
                        cut(m == 1 || m == 49 ? "PARTIAL" : "FULL");
                    } else if (m == 65 || m == 66) {
                        if (n < 4) {
                            return;
                        }
                        cut(m == 66 ? "PARTIAL" : "FULL");
                    } else {
                        warnings.add("modo de corte inválido " + m);
                        command.reset();
                    }
                }
            }
            case '(' -> {
                if (n < 5) {
                    return;
                }
                int length = (c[3] & 0xFF) + ((c[4] & 0xFF) << 8);
                if (n < 5 + length) {
                    return;
                }
                if ((c[2] & 0xFF) == 'k') {
                    qr(c, length);
                } else {
                    warnings.add("função GS ( 0x%02X desconhecida".formatted(c[2] & 0xFF));
                }
                command.reset();
            }
            default -> {
                warnings.add("comando GS 0x%02X desconhecido".formatted(cmd));
                command.reset();
            }
        }
    }

    private void qr(byte[] c, int length) {
        int cn = c[5] & 0xFF;
        int fn = c[6] & 0xFF;
        if (cn != 0x31) {
            warnings.add("símbolo GS ( k cn=" + cn + " não suportado");
            return;
        }
        switch (fn) {
            case 0x41 -> {
                qrModel = c[7] & 0xFF;
                if (qrModel != 49 && qrModel != 50) {
                    warnings.add("modelo de QR inválido n1=" + qrModel + " (49 = modelo 1, 50 = modelo 2)");
                }
            }
            case 0x43 -> qrModule = c[7] & 0xFF;
            case 0x45 -> qrEc = c[7] & 0xFF;
            case 0x50 -> {
                qrData = new byte[length - 3];
                System.arraycopy(c, 8, qrData, 0, length - 3);
            }
            case 0x51 -> {
                if (qrData == null) {
                    warnings.add("QR impresso sem dados armazenados");
                } else {
                    qrCodes.add(new PrintedTicket.Qr(new String(qrData, StandardCharsets.ISO_8859_1),
                            qrModel == 50 ? 2 : qrModel == 49 ? 1 : 0, qrModule,
                            switch (qrEc) {
                                case 48 -> "L";
                                case 49 -> "M";
                                case 50 -> "Q";
                                case 51 -> "H";
                                default -> "?";
                            }));
                }
            }
            default -> warnings.add("função de QR fn=" + fn + " não suportada");
        }
    }

    private void printLine() {
        String line = new String(text.toByteArray(), CODE_PAGES.get(codePage));
        if (text.size() == 0) {
            lines.add(new PrintedTicket.Line("", align, bold, width, height));
        } else {
            lines.add(new PrintedTicket.Line(line, lineAlign, lineBold, lineWidth, lineHeight));
        }
        text.reset();
    }

    private void cut(String kind) {
        command.reset();
        if (text.size() > 0) {
            printLine();
        }
        finishTicket(kind);
    }

    private void finishTicket(String cut) {
        // trailing blank lines are paper feed, not content
        while (!lines.isEmpty() && lines.getLast().text().isEmpty()) {
            lines.removeLast();
        }
        printed.accept(new PrintedTicket(counter.next(), Instant.now(), List.copyOf(lines), List.copyOf(qrCodes), cut,
                codePage, ticketBytes, List.copyOf(warnings), via));
        lines.clear();
        qrCodes.clear();
        warnings.clear();
        ticketBytes = 0;
    }

    private void initialize() {
        codePage = 0;
        align = "LEFT";
        bold = false;
        width = 1;
        height = 1;
        qrModel = 50;
        qrModule = 3;
        qrEc = 48;
        qrData = null;
        text.reset();
    }
}
