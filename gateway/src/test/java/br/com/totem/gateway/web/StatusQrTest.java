package br.com.totem.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

class StatusQrTest {

    static final String TOKEN = "q3JzT0r9c8oFQy1kq8m2H0oPpWm5sN3dZ7vYh2xL4aE";

    @Test
    void theStatusPageOfAPublicBaseIsTheAddressPrintServicePrints() {
        assertThat(new StatusQr("https://totem.example.com/").statusUrl(TOKEN)).isEqualTo("https://totem.example.com/t/" + TOKEN);
    }

    @Test
    void theSvgIsAQrCodeAnyReaderDecodesToTheStatusPage() throws Exception {
        String url = new StatusQr("https://totem.example.com").statusUrl(TOKEN);
        String svg = StatusQr.svg(url);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").doesNotContain("<script");
        assertThat(decode(svg)).isEqualTo(url);
    }

    /** Draws the SVG's runs of dark modules (8 pixels a module) and reads them back with ZXing's reader. */
    static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 8;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int len = Integer.parseInt(run.group(3));
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + len) * scale; x++) {
                    pixels[y * size + x] = 0xFF000000;
                }
            }
        }
        assertThat(runs).isPositive();
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
