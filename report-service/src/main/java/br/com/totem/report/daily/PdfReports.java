package br.com.totem.report.daily;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import br.com.totem.report.daily.domain.DailyReport;
import br.com.totem.report.daily.domain.Hour;
import br.com.totem.report.daily.domain.MethodRevenue;
import br.com.totem.report.daily.domain.PtBr;
import br.com.totem.report.daily.domain.ServiceDay;
import br.com.totem.report.daily.domain.StaffTimes;

/**
 * The daily report as an A4 PDF (OpenPDF) in pt-BR: the studio's name, the day's table by service, revenue
 * by payment method, times by station, print outcomes, and a chart per service (tickets paid per hour as
 * bars, the mean wait of those tickets as a line). Helvetica in WinAnsi covers Portuguese accents.
 */
@Component
public class PdfReports {

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color BAR = new Color(0x2b, 0x6c, 0xb0);
    private static final Color LINE = new Color(0xd9, 0x48, 0x1c);
    private static final Color GRID = new Color(0xcc, 0xcc, 0xcc);
    private static final Color HEAD = new Color(0xe8, 0xee, 0xf6);

    private final BaseFont regular;
    private final BaseFont bold;

    PdfReports() {
        try {
            regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] daily(DailyReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle("Relatório diário " + PtBr.date(r.date()));
        doc.open();
        Font title = new Font(bold, 18, Font.NORMAL, INK);
        Font subtitle = new Font(regular, 11, Font.NORMAL, INK);
        Font section = new Font(bold, 12, Font.NORMAL, INK);
        doc.add(new Paragraph(r.studioName(), title));
        doc.add(new Paragraph("Relatório diário — " + PtBr.date(r.date()) + " (fuso " + r.zone() + ")", subtitle));
        doc.add(spacer());

        doc.add(new Paragraph("Senhas e receita por serviço", section));
        PdfPTable services = table(new float[]{3.2f, 1.2f, 1.2f, 1.3f, 1.3f, 1.4f, 1.3f, 2.2f, 1.5f, 1.5f},
                "Serviço", "Criadas", "Pagas", "Conv.", "Não comp.", "Concluídas", "Transf.", "Receita líquida",
                "Espera méd.", "Espera p90");
        for (ServiceDay s : r.services()) {
            serviceRow(services, s, false);
        }
        serviceRow(services, r.total(), true);
        doc.add(services);
        doc.add(spacer());

        doc.add(new Paragraph("Receita por forma de pagamento", section));
        PdfPTable methods = table(new float[]{3, 2, 2, 2}, "Forma", "Bruta", "Reembolsada", "Líquida");
        for (MethodRevenue m : r.methods()) {
            cells(methods, false, CsvReports.method(m.method()), PtBr.money(m.revenue().grossCents()),
                    PtBr.money(m.revenue().refundedCents()), PtBr.money(m.revenue().netCents()));
        }
        cells(methods, true, "Total", PtBr.money(r.total().revenue().grossCents()),
                PtBr.money(r.total().revenue().refundedCents()), PtBr.money(r.total().revenue().netCents()));
        doc.add(methods);
        if (r.refundsFailed() > 0) {
            doc.add(new Paragraph("Reembolsos não realizados: " + r.refundsFailed(), subtitle));
        }
        doc.add(spacer());

        if (!r.stations().isEmpty()) {
            doc.add(new Paragraph("Tempos por estação (minutos)", section));
            PdfPTable stations = table(new float[]{3, 1.2f, 1.6f, 1.6f, 1.6f, 1.6f, 1.6f}, "Estação", "Senhas",
                    "Espera méd.", "Espera p90", "Desloc. méd.", "Atend. méd.", "Atend. p90");
            for (StaffTimes st : r.stations()) {
                cells(stations, false, st.name(), Long.toString(st.tickets()), min(st.waiting().mean()), min(st.waiting().p90()),
                        min(st.walk().mean()), min(st.session().mean()), min(st.session().p90()));
            }
            doc.add(stations);
            doc.add(spacer());
        }

        doc.add(new Paragraph("Impressão: " + r.print().printed() + " impressas, " + r.print().failed()
                + " falhas (" + r.print().pdfFallback() + " entregues em PDF)", subtitle));

        doc.newPage();
        doc.add(new Paragraph("Senhas pagas por hora e espera média", section));
        float top = doc.getPageSize().getHeight() - 80;
        PdfContentByte canvas = writer.getDirectContent();
        for (ServiceDay s : r.services()) {
            if (top < 200) {
                doc.newPage();
                top = doc.getPageSize().getHeight() - 60;
            }
            chart(canvas, s, 50, top - 180, doc.getPageSize().getWidth() - 100, 160);
            top -= 215;
        }
        doc.close();
        return out.toByteArray();
    }

    private void serviceRow(PdfPTable t, ServiceDay s, boolean total) {
        cells(t, total, s.serviceName(), Long.toString(s.created()), Long.toString(s.paid()), pct(s.conversion()),
                Long.toString(s.noShow()), Long.toString(s.completed()), Long.toString(s.transferred()),
                PtBr.money(s.revenue().netCents()), min(s.waiting().mean()), min(s.waiting().p90()));
    }

    private static String min(Double seconds) {
        String m = PtBr.minutes(seconds);
        return m.isEmpty() ? "—" : m;
    }

    private static String pct(Double ratio) {
        String p = PtBr.percent(ratio);
        return p.isEmpty() ? "—" : p + "%";
    }

    private PdfPTable table(float[] widths, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        Font f = new Font(bold, 8, Font.NORMAL, INK);
        for (String h : headers) {
            PdfPCell c = new PdfPCell(new Phrase(h, f));
            c.setBackgroundColor(HEAD);
            c.setPadding(3);
            t.addCell(c);
        }
        t.setHeaderRows(1);
        return t;
    }

    private void cells(PdfPTable t, boolean strong, String... values) {
        Font f = new Font(strong ? bold : regular, 8, Font.NORMAL, INK);
        for (int i = 0; i < values.length; i++) {
            PdfPCell c = new PdfPCell(new Phrase(values[i], f));
            c.setPadding(3);
            c.setHorizontalAlignment(i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            t.addCell(c);
        }
    }

    private static Paragraph spacer() {
        return new Paragraph(" ");
    }

    /** Bars: tickets paid per local hour (left axis); line: their mean wait in minutes (right axis). */
    private void chart(PdfContentByte cb, ServiceDay s, float x, float y, float width, float height) {
        List<Hour> hours = s.hours();
        long maxPaid = Math.max(1, hours.stream().mapToLong(Hour::paid).max().orElse(1));
        double maxWait = Math.max(1, hours.stream().filter(h -> h.meanWait() != null)
                .mapToDouble(h -> h.meanWait() / 60.0).max().orElse(1));
        float plotH = height - 30;
        float slot = width / 24f;
        cb.saveState();
        text(cb, bold, 10, s.serviceName() + " — pagas por hora (barras) e espera média em minutos (linha)", x, y + height, false);
        cb.setColorStroke(GRID);
        cb.setLineWidth(0.5f);
        for (int i = 0; i <= 4; i++) {
            float gy = y + 15 + plotH * i / 4f;
            cb.moveTo(x, gy);
            cb.lineTo(x + width, gy);
            cb.stroke();
            text(cb, regular, 7, Long.toString(Math.round(maxPaid * i / 4.0)), x - 4, gy - 2, true);
            text(cb, regular, 7, PtBr.minutes(maxWait * 60 * i / 4.0), x + width + 18, gy - 2, true);
        }
        cb.setColorFill(BAR);
        for (Hour h : hours) {
            if (h.paid() > 0) {
                float bh = plotH * h.paid() / maxPaid;
                cb.rectangle(x + h.hour() * slot + slot * 0.15f, y + 15, slot * 0.7f, bh);
                cb.fill();
            }
        }
        cb.setColorStroke(LINE);
        cb.setLineWidth(1.5f);
        boolean started = false;
        for (Hour h : hours) {
            if (h.meanWait() == null) {
                continue;
            }
            float px = x + h.hour() * slot + slot / 2;
            float py = y + 15 + (float) (plotH * (h.meanWait() / 60.0) / maxWait);
            if (started) {
                cb.lineTo(px, py);
            } else {
                cb.moveTo(px, py);
                started = true;
            }
        }
        if (started) {
            cb.stroke();
        }
        cb.setColorFill(INK);
        for (int hour = 0; hour < 24; hour += 2) {
            text(cb, regular, 7, String.format("%02dh", hour), x + hour * slot + slot / 2 + 6, y + 3, true);
        }
        cb.restoreState();
    }

    private static void text(PdfContentByte cb, BaseFont font, float size, String s, float x, float y, boolean right) {
        cb.beginText();
        cb.setFontAndSize(font, size);
        cb.showTextAligned(right ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT, s, x, y, 0);
        cb.endText();
    }
}
