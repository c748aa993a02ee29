package br.com.totem.print.ticket;

import br.com.totem.print.escpos.CodePage;
import br.com.totem.print.escpos.EscPos;
import br.com.totem.print.escpos.EscPos.Align;
import br.com.totem.print.escpos.EscPos.QrErrorCorrection;

/** The ticket layout as ESC/POS bytes for a TM-class printer. */
public final class EscPosTicketRenderer {

    /** Vertical motion units fed before the partial cut ({@code GS V 66 n}). */
    static final int CUT_FEED = 3;

    private EscPosTicketRenderer() {
    }

    public static byte[] render(TicketLayout layout, CodePage codePage) {
        EscPos out = EscPos.job(codePage);
        for (TicketLayout.Block block : layout.blocks()) {
            switch (block) {
                case TicketLayout.Text text -> out.align(text.align()).bold(text.bold())
                        .size(text.scale(), text.scale()).line(text.text());
                case TicketLayout.Qr qr -> out.align(Align.CENTER).qr(qr.data(), qr.moduleDots(), QrErrorCorrection.M)
                        .feed(1);
                case TicketLayout.Feed feed -> out.feed(feed.lines());
            }
        }
        return out.size(1, 1).bold(false).align(Align.LEFT).feed(1).partialCut(CUT_FEED).bytes();
    }
}
