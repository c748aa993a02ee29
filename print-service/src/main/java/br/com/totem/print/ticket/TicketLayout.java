package br.com.totem.print.ticket;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import br.com.totem.print.escpos.CodePage;
import br.com.totem.print.escpos.EscPos;
import br.com.totem.print.escpos.EscPos.Align;

/**
 * The ticket as a list of printed blocks, computed once and drawn by every renderer (ESC/POS, PDF,
 * PNG), so paper, PDF and image say the same thing: the same lines, wrapped at the same columns,
 * with the same characters (text the code page lacks is replaced here, before any renderer sees it).
 */
public record TicketLayout(PaperWidth paper, List<Block> blocks) {

    /** Largest character multiplier used for the number; 6× keeps "A042" well inside 58 mm. */
    static final int MAX_NUMBER_SCALE = 6;
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    public sealed interface Block {
    }

    /** One printed line: already wrapped to fit {@code columns / scale}. */
    public record Text(String text, Align align, boolean bold, int scale) implements Block {
    }

    /** A QR code, Model 2, error correction M, {@code moduleDots} dots per module, centered. */
    public record Qr(String data, int moduleDots) implements Block {
    }

    /** Empty lines of the normal height. */
    public record Feed(int lines) implements Block {
    }

    public TicketLayout {
        blocks = List.copyOf(blocks);
    }

    public static TicketLayout of(TicketContent ticket, PaperWidth paper, CodePage codePage) {
        List<Block> blocks = new ArrayList<>();
        int columns = paper.columns();
        wrap(blocks, printable(ticket.studioName(), codePage), Align.CENTER, true, 1, columns);
        blocks.add(new Feed(1));
        if (ticket.reprint()) {
            blocks.add(new Text(printable("2ª VIA", codePage), Align.CENTER, true, 2));
        }
        blocks.add(new Text("SENHA", Align.CENTER, true, 1));
        String number = printable(ticket.number(), codePage);
        int numberScale = Math.max(1, Math.min(MAX_NUMBER_SCALE, columns / Math.max(1, number.length())));
        wrap(blocks, number, Align.CENTER, true, numberScale, columns);
        blocks.add(new Feed(1));
        wrap(blocks, printable(ticket.serviceName(), codePage), Align.CENTER, true, 1, columns);
        blocks.add(new Text(ticket.issuedAt().format(DATE_TIME), Align.CENTER, false, 1));
        wrap(blocks, printable(ticket.displayName(), codePage), Align.CENTER, false, 1, columns);
        blocks.add(new Feed(1));
        blocks.add(new Qr(ticket.statusUrl(), paper == PaperWidth.MM58 ? 5 : 6));
        wrap(blocks, printable("Acompanhe sua posição e a espera pelo QR code.", codePage), Align.CENTER, false, 1, columns);
        wrap(blocks, printable("Aguarde a chamada no painel. Obrigado!", codePage), Align.CENTER, false, 1, columns);
        return new TicketLayout(paper, blocks);
    }

    /** The text as the code page will print it, on one line (whitespace runs become one space). */
    static String printable(String text, CodePage codePage) {
        return EscPos.printable(text.strip().replaceAll("\\s+", " "), codePage);
    }

    /** Word-wraps {@code text} to {@code columns / scale} characters per line; a longer word is split. */
    static void wrap(List<Block> blocks, String text, Align align, boolean bold, int scale, int columns) {
        int width = Math.max(1, columns / scale);
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    blocks.add(new Text(line.toString(), align, bold, scale));
                    line.setLength(0);
                }
                blocks.add(new Text(word.substring(0, width), align, bold, scale));
                word = word.substring(width);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
            } else {
                blocks.add(new Text(line.toString(), align, bold, scale));
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            blocks.add(new Text(line.toString(), align, bold, scale));
        }
    }
}
