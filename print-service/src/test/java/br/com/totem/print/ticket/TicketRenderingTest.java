package br.com.totem.print.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import br.com.totem.print.escpos.CodePage;

/** One layout, three renderings (ESC/POS, PDF, PNG) that say the same thing; the QR reads back as the status URL. */
class TicketRenderingTest {

    static final String STATUS_URL = "https://totem.example.com/t/q3JzT0r9c8oFQy1kq8m2H0oPpWm5sN3dZ7vYh2xL4aE";
    static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    static TicketContent ticket(boolean reprint) {
        return new TicketContent("Studio Recupera Centro", "A042", "Bota de Compressão",
                ZonedDateTime.of(2026, 12, 4, 20, 5, 0, 0, ZoneId.of("UTC")).withZoneSameInstant(ZoneId.of("America/Sao_Paulo")),
                "Maria Conceição", STATUS_URL, reprint);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    void whenTicketIsPrintedThenEscPosCarriesEveryLineInCp860AndEndsWithAPartialCut(PaperWidth paper) {
        byte[] bytes = EscPosTicketRenderer.render(TicketLayout.of(ticket(false), paper, CodePage.CP860), CodePage.CP860);
        String hex = hex(bytes);
        assertThat(hex).startsWith("1B 40 1B 74 03 ");
        assertThat(hex).contains(hex("Bota de Compress\u0084o".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertThat(hex).contains("43 6F 6E 63 65 69 87 84 6F");                 // "Conceição" in PC860
        assertThat(hex).contains("1D 21 55 41 30 34 32 0A");                     // the number at 6×6
        assertThat(hex).contains("30 34 2F 31 32 2F 32 30 32 36 20 31 37 3A 30 35"); // 04/12/2026 17:05, São Paulo time
        assertThat(hex).contains("1D 28 6B 04 00 31 41 32 00");                  // QR model 2
        int storeLength = STATUS_URL.length() + 3;
        assertThat(hex).contains("1D 28 6B %02X 00 31 50 30 ".formatted(storeLength) + hex(STATUS_URL.getBytes()));
        assertThat(hex).endsWith("0A 1D 56 42 03");
        assertThat(hex).doesNotContain("32 A6 20 56 49 41");                     // no "2ª VIA" on the first copy
    }

    @Test
    void whenReprintedThenTheTicketSaysSegundaVia() {
        byte[] bytes = EscPosTicketRenderer.render(TicketLayout.of(ticket(true), PaperWidth.MM80, CodePage.CP860), CodePage.CP860);
        assertThat(hex(bytes)).contains("1D 21 11 32 A6 20 56 49 41 0A");        // "2ª VIA" double size, ª = A6
    }

    @Test
    void whenTextIsLongThenItWrapsAtTheColumnsOfThePaper() {
        TicketContent longName = new TicketContent("Studio de Recuperação Esportiva da Zona Sul — Unidade Moema", "A042",
                "Bota de Compressão", ticket(false).issuedAt(), "Maria", STATUS_URL, false);
        List<String> studioLines = TicketLayout.of(longName, PaperWidth.MM58, CodePage.CP860).blocks().stream()
                .takeWhile(b -> b instanceof TicketLayout.Text).map(b -> ((TicketLayout.Text) b).text()).toList();
        assertThat(studioLines).containsExactly("Studio de Recuperação Esportiva", "da Zona Sul - Unidade Moema");
        assertThat(studioLines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(32));
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    void whenPdfIsRenderedToPngThenTextMatchesThePaperAndTheQrDecodesToTheStatusUrl(PaperWidth paper) throws Exception {
        boolean reprint = paper == PaperWidth.MM58; // one of each: the 80 mm first copy is the one in docs/
        TicketLayout layout = TicketLayout.of(ticket(reprint), paper, CodePage.CP860);
        byte[] pdf = PdfTicketRenderer.render(layout);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(document);
            for (TicketLayout.Block block : layout.blocks()) {
                if (block instanceof TicketLayout.Text line) {
                    assertThat(text).contains(line.text());
                }
            }
            assertThat(text).contains("Bota de Compressão", "Maria Conceição", "SENHA", "A042", "04/12/2026 17:05");
            if (reprint) {
                assertThat(text).contains("2ª VIA");
            } else {
                assertThat(text).doesNotContain("VIA");
            }

            BufferedImage image = new PDFRenderer(document).renderImage(0, 1f / PdfTicketRenderer.POINTS_PER_DOT, ImageType.GRAY);
            Files.createDirectories(Path.of("target"));
            ImageIO.write(image, "png", Path.of("target", "ticket-" + paper.millimetres() + "mm.png").toFile());
            assertThat(image.getWidth()).isBetween(paper.dots() - 1, paper.dots());
            assertThat(decodeQr(image)).isEqualTo(STATUS_URL);
            assertThat(darkRows(image)).as("rows with ink: text and QR, not a blank page").isGreaterThan(200);
        }
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    void whenPngIsMadeForCloudPrntThenItIsExactlyThePrintableWidthAndItsQrDecodes(PaperWidth paper) throws Exception {
        byte[] png = PngTicketRenderer.render(PdfTicketRenderer.render(TicketLayout.of(ticket(false), paper, CodePage.CP860)), paper);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(paper.dots());
        assertThat(decodeQr(image)).isEqualTo(STATUS_URL);
    }

    static String decodeQr(BufferedImage image) throws Exception {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in the rendered ticket", e);
        }
    }

    static int darkRows(BufferedImage image) {
        int rows = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }
}
