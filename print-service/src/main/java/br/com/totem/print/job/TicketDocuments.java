package br.com.totem.print.job;

import java.time.ZoneId;

import org.springframework.stereotype.Component;

import br.com.totem.print.config.PrintProperties;
import br.com.totem.print.escpos.CodePage;
import br.com.totem.print.job.domain.PrintJob;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.ticket.EscPosTicketRenderer;
import br.com.totem.print.ticket.PaperWidth;
import br.com.totem.print.ticket.PdfTicketRenderer;
import br.com.totem.print.ticket.PngTicketRenderer;
import br.com.totem.print.ticket.TicketContent;
import br.com.totem.print.ticket.TicketLayout;

/** A job's ticket as the printer's ESC/POS bytes or as the PDF fallback, from the one layout. */
@Component
public class TicketDocuments {

    private final PrintProperties properties;

    TicketDocuments(PrintProperties properties) {
        this.properties = properties;
    }

    public TicketContent content(PrintJob job) {
        return new TicketContent(properties.studioName(job.tenant()), job.number(), job.serviceName(),
                job.paidAt().atZone(ZoneId.of(job.timeZone())), job.displayName(), properties.statusUrl(job.statusToken()),
                job.reprint());
    }

    public byte[] escPos(PrintJob job, Printer printer) {
        CodePage codePage = CodePage.valueOf(printer.codePage());
        return EscPosTicketRenderer.render(TicketLayout.of(content(job), PaperWidth.ofMillimetres(printer.paperWidthMm()),
                codePage), codePage);
    }

    /** The PNG a CloudPRNT printer prints pixel for pixel: the PDF rasterized at the printer's width. */
    public byte[] png(PrintJob job, Printer printer) {
        return PngTicketRenderer.render(pdf(job, printer), PaperWidth.ofMillimetres(printer.paperWidthMm()));
    }

    /** The PDF in the printer's paper width (80 mm when there is no printer). */
    public byte[] pdf(PrintJob job, Printer printer) {
        PaperWidth paper = printer == null ? PaperWidth.MM80 : PaperWidth.ofMillimetres(printer.paperWidthMm());
        CodePage codePage = printer == null ? CodePage.CP860 : CodePage.valueOf(printer.codePage());
        return PdfTicketRenderer.render(TicketLayout.of(content(job), paper, codePage));
    }
}
