package br.com.totem.payment.brcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of brcode-vectors.tsv (copied from the shared Pix spec) parses, validates and keeps its CRC. */
class BrCodeTest {

    static Stream<Arguments> vectors() throws IOException {
        try (InputStream in = BrCodeTest.class.getResourceAsStream("/brcode/brcode-vectors.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(lines).hasSize(14);
            return lines.stream().map(l -> l.split("\t")).map(p -> Arguments.of(p[0], p[1]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void whenVectorIsParsedThenItValidatesAndItsCrcIsRecomputed(String source, String code) {
        BrCode.Parsed parsed = BrCode.parse(code);
        assertThat(Crc16.hex(code.substring(0, code.length() - 4))).isEqualTo(code.substring(code.length() - 4));
        assertThat(parsed.tags()).containsKeys("00", "26", "52", "53", "58", "59", "60", "63");
        assertThat(parsed.pix().get("00")).isEqualToIgnoringCase(BrCode.GUI);
        assertThat(BrCode.isValid(code)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void whenOneCharacterOfAVectorChangesThenItIsInvalid(String source, String code) {
        int i = code.indexOf("5802BR") + 4;
        String tampered = code.substring(0, i) + "XX" + code.substring(i + 2);
        assertThat(BrCode.isValid(tampered)).isFalse();
    }

    @Test
    void whenCrcIsComputedOnTheCatalogueInputThenItIsTheCheckValue() {
        assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
    }

    @Test
    void whenDynamicCodeIsBuiltThenItEqualsThePixUtilsOneTimeVector() {
        String built = BrCode.dynamic("payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87", "Thales Ogliari", "SÃO MIGUÉL DO O");
        assertThat(built).isEqualTo("00020101021226740014br.gov.bcb.pix2552payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87"
                + "5204000053039865802BR5914THALES OGLIARI6015SAO MIGUEL DO O62070503***63042895");
    }

    @Test
    void whenMerchantNameAndCityAreLongOrAccentedThenTheyAreAsciiAndTruncated() {
        String built = BrCode.dynamic("https://pix.example.com/qr/v2/abc", "Estúdio de Recuperação Esportiva Ltda", "São José dos Campos");
        BrCode.Parsed parsed = BrCode.parse(built);
        assertThat(parsed.merchantName()).hasSizeLessThanOrEqualTo(25).matches("[\\x20-\\x7E]+").startsWith("ESTUDIO DE RECUPERACAO");
        assertThat(parsed.merchantCity()).hasSizeLessThanOrEqualTo(15).isEqualTo("SAO JOSE DOS CA");
        assertThat(parsed.url()).contains("pix.example.com/qr/v2/abc");
        assertThat(parsed.singleUse()).isTrue();
        assertThat(built).matches("[\\x20-\\x7E]+");
    }

    @Test
    void whenCodeIsTruncatedOrLacksThePixTemplateThenParsingSaysWhy() {
        assertThatThrownBy(() -> BrCode.parse("000201")).isInstanceOf(BrCode.InvalidBrCode.class);
        String noPix = "000201" + "52040000" + "5303986" + "5802BR" + "5903ABC" + "6003XYZ" + "6304";
        assertThatThrownBy(() -> BrCode.parse(noPix + Crc16.hex(noPix))).hasMessageContaining("26");
    }

    @Test
    void whenQrIsRenderedThenItIsAnSvgWithModules() {
        String svg = QrSvg.of(BrCode.dynamic("pix.example.com/qr/v2/abc", "Totem", "Sao Paulo"));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("viewBox=\"0 0 ").contains("h1v1h-1z");
    }
}
