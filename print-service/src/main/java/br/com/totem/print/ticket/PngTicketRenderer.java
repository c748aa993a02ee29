package br.com.totem.print.ticket;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The ticket as a PNG exactly as wide as the paper's printable dots (576 px on 80 mm, 384 on 58 mm),
 * rasterized by PDFBox from the ticket's PDF, so the image cannot say anything the PDF does not. This
 * is the CloudPRNT media type every Star printer accepts (printed pixel for pixel, unscaled).
 */
public final class PngTicketRenderer {

    private PngTicketRenderer() {
    }

    public static byte[] render(byte[] pdf, PaperWidth paper) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            float scale = 1f / PdfTicketRenderer.POINTS_PER_DOT;
            BufferedImage image = new PDFRenderer(document).renderImage(0, scale, ImageType.GRAY);
            if (image.getWidth() != paper.dots()) {
                image = resizeToWidth(image, paper.dots());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Float rounding can make the page one pixel narrower than the paper; the printer wants exact width. */
    private static BufferedImage resizeToWidth(BufferedImage image, int width) {
        int height = Math.round(image.getHeight() * (float) width / image.getWidth());
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return resized;
    }
}
