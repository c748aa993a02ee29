package br.com.totem.print.ticket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;


/**
 * The ticket layout as a one-page PDF (OpenPDF) the size of the printed ticket: 203 dpi dots mapped
 * to points, DejaVu Sans Mono embedded (the Font A grid: a character is 12 dots wide), the QR drawn
 * as vector modules on whole dots, so rasterizing at 203.2 dpi gives exactly the printer's pixels.
 */
public final class PdfTicketRenderer {

    /** Points per printer dot at 203.2 dpi (8 dots per mm). */
    public static final float POINTS_PER_DOT = 72f / 203.2f;
    static final int MARGIN_DOTS = 16;
    /** Line spacing: a line of scale s is 24·s dots high plus this gap (ESC/POS default ≈ 30 dots per line). */
    static final int LINE_GAP_DOTS = 6;
    static final int QR_QUIET_DOTS = 16;
    /** DejaVu Sans Mono advances 1233/2048 em: this size makes one character 12 dots wide. */
    static final float FONT_SIZE_PER_SCALE = PaperWidth.CHAR_WIDTH_DOTS * POINTS_PER_DOT / (1233f / 2048f);

    private static final byte[] REGULAR = font("/fonts/DejaVuSansMono.ttf");
    private static final byte[] BOLD = font("/fonts/DejaVuSansMono-Bold.ttf");

    private PdfTicketRenderer() {
    }

    public static byte[] render(TicketLayout layout) {
        int widthDots = layout.paper().dots();
        int heightDots = 2 * MARGIN_DOTS + layout.blocks().stream().mapToInt(PdfTicketRenderer::heightDots).sum();
        Rectangle page = new Rectangle(widthDots * POINTS_PER_DOT, heightDots * POINTS_PER_DOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(page, 0, 0, 0, 0);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle("Senha");
            document.addCreator("Totem print-service");
            document.open();
            BaseFont regular = BaseFont.createFont("DejaVuSansMono.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    true, REGULAR, null);
            BaseFont bold = BaseFont.createFont("DejaVuSansMono-Bold.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    true, BOLD, null);
            PdfContentByte canvas = writer.getDirectContent();
            int top = MARGIN_DOTS;
            for (TicketLayout.Block block : layout.blocks()) {
                switch (block) {
                    case TicketLayout.Text text -> drawText(canvas, text, text.bold() ? bold : regular, top, widthDots, heightDots);
                    case TicketLayout.Qr qr -> drawQr(canvas, qr, top, widthDots, heightDots);
                    case TicketLayout.Feed ignored -> { }
                }
                top += heightDots(block);
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static int heightDots(TicketLayout.Block block) {
        return switch (block) {
            case TicketLayout.Text text -> PaperWidth.CHAR_HEIGHT_DOTS * text.scale() + LINE_GAP_DOTS;
            case TicketLayout.Feed feed -> (PaperWidth.CHAR_HEIGHT_DOTS + LINE_GAP_DOTS) * feed.lines();
            case TicketLayout.Qr qr -> qrMatrix(qr.data()).getWidth() * qr.moduleDots() + 2 * QR_QUIET_DOTS;
        };
    }

    private static void drawText(PdfContentByte canvas, TicketLayout.Text text, BaseFont font, int top, int widthDots,
                                 int heightDots) {
        float size = FONT_SIZE_PER_SCALE * text.scale();
        // baseline: the descender (≈ 1/5 of the cell) above the bottom of the character cell
        float baselineDots = top + PaperWidth.CHAR_HEIGHT_DOTS * text.scale() * 0.8f;
        float y = (heightDots - baselineDots) * POINTS_PER_DOT;
        float x;
        int alignment;
        switch (text.align()) {
            case LEFT -> {
                x = 0;
                alignment = Element.ALIGN_LEFT;
            }
            case RIGHT -> {
                x = widthDots * POINTS_PER_DOT;
                alignment = Element.ALIGN_RIGHT;
            }
            default -> {
                x = widthDots * POINTS_PER_DOT / 2;
                alignment = Element.ALIGN_CENTER;
            }
        }
        canvas.beginText();
        canvas.setFontAndSize(font, size);
        canvas.showTextAligned(alignment, text.text(), x, y, 0);
        canvas.endText();
    }

    private static void drawQr(PdfContentByte canvas, TicketLayout.Qr qr, int top, int widthDots, int heightDots) {
        ByteMatrix matrix = qrMatrix(qr.data());
        int size = matrix.getWidth() * qr.moduleDots();
        int left = (widthDots - size) / 2;
        int qrTop = top + QR_QUIET_DOTS;
        canvas.setGrayFill(0f);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row) == 1) {
                    int xDots = left + col * qr.moduleDots();
                    int yDots = heightDots - (qrTop + (row + 1) * qr.moduleDots());
                    canvas.rectangle(xDots * POINTS_PER_DOT, yDots * POINTS_PER_DOT,
                            qr.moduleDots() * POINTS_PER_DOT, qr.moduleDots() * POINTS_PER_DOT);
                }
            }
        }
        canvas.fill();
    }

    /** Model 2, level M, like the printer's {@code GS ( k}. */
    static ByteMatrix qrMatrix(String data) {
        try {
            return Encoder.encode(data, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "US-ASCII"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR data cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static byte[] font(String resource) {
        try (InputStream in = PdfTicketRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing font resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
