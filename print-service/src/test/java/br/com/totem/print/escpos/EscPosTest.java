package br.com.totem.print.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import br.com.totem.print.escpos.EscPos.Align;
import br.com.totem.print.escpos.EscPos.QrErrorCorrection;

/** Byte-for-byte checks of every command against the vectors in docs/printing.md. */
class EscPosTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static String hex(EscPos escPos) {
        return HEX.formatHex(escPos.bytes());
    }

    private static EscPos empty() {
        return EscPos.empty(CodePage.CP860);
    }

    @Test
    void whenJobStartsThenItInitializesAndSelectsTheCodePage() {
        assertThat(hex(EscPos.job(CodePage.CP860))).isEqualTo("1B 40 1B 74 03");
        assertThat(hex(EscPos.job(CodePage.CP850))).isEqualTo("1B 40 1B 74 02");
        assertThat(hex(EscPos.job(CodePage.CP858))).isEqualTo("1B 40 1B 74 13");
        assertThat(hex(EscPos.job(CodePage.WPC1252))).isEqualTo("1B 40 1B 74 10");
    }

    @Test
    void whenAlignedThenEscAWithZeroOneOrTwo() {
        assertThat(hex(empty().align(Align.LEFT).align(Align.CENTER).align(Align.RIGHT)))
                .isEqualTo("1B 61 00 1B 61 01 1B 61 02");
    }

    @Test
    void whenBoldTogglesThenEscEOneAndZero() {
        assertThat(hex(empty().bold(true).bold(false))).isEqualTo("1B 45 01 1B 45 00");
    }

    @Test
    void whenSizedThenGsBangPacksWidthHighNibbleAndHeightLowNibble() {
        assertThat(hex(empty().size(1, 1))).isEqualTo("1D 21 00");
        assertThat(hex(empty().size(2, 2))).isEqualTo("1D 21 11");
        assertThat(hex(empty().size(1, 2))).isEqualTo("1D 21 01");
        assertThat(hex(empty().size(4, 3))).isEqualTo("1D 21 32");
        assertThat(hex(empty().size(8, 8))).isEqualTo("1D 21 77");
        assertThatThrownBy(() -> empty().size(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty().size(1, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenPartialCutThenGsV66WithTheFeed() {
        assertThat(hex(empty().partialCut(3))).isEqualTo("1D 56 42 03");
        assertThatThrownBy(() -> empty().partialCut(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenQrThenModel2IsSelectedWithN1Fifty() {
        assertThat(hex(empty().qr("ABC", 6, QrErrorCorrection.M))).isEqualTo(
                "1D 28 6B 04 00 31 41 32 00 "   // fn 165: model 2 (n1 = 50, not escpos-coffee's 49)
                + "1D 28 6B 03 00 31 43 06 "    // fn 167: module 6 dots
                + "1D 28 6B 03 00 31 45 31 "    // fn 169: EC level M
                + "1D 28 6B 06 00 31 50 30 41 42 43 " // fn 180: pL = 3 + 3
                + "1D 28 6B 03 00 31 51 30");   // fn 181: print
    }

    @Test
    void whenQrDataIsLongerThan252BytesThenPhCarriesTheHighByte() {
        String data = "x".repeat(300);
        byte[] bytes = empty().qr(data, 4, QrErrorCorrection.L).bytes();
        // store header starts after fn 165 (9 bytes), fn 167 (8) and fn 169 (8)
        assertThat(HEX.formatHex(bytes, 25, 33)).isEqualTo("1D 28 6B 2F 01 31 50 30"); // 303 = 0x012F
        assertThat(bytes).hasSize(25 + 8 + 300 + 8);
    }

    @Test
    void whenQrDataIsNotAsciiOrModuleOutOfRangeThenRefused() {
        assertThatThrownBy(() -> empty().qr("Conceição", 6, QrErrorCorrection.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty().qr("", 6, QrErrorCorrection.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty().qr("a", 17, QrErrorCorrection.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty().qr("a".repeat(7090), 6, QrErrorCorrection.M)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenPortugueseTextInCp860ThenEveryLetterHasItsPc860Byte() {
        assertThat(HEX.formatHex(empty().encode("ÇÃÕÁÉÍÓÚÂÊÔÀçãõáéíóúâêôàü")))
                .isEqualTo("80 8E 99 86 90 8B 9F 96 8F 89 8C 91 87 84 94 A0 82 A1 A2 A3 83 88 93 85 81");
        assertThat(HEX.formatHex(EscPos.empty(CodePage.CP850).encode("ÇÃÕÁÉÍÓÚÂÊÔÀçãõáéíóúâêôàü")))
                .isEqualTo("80 C7 E5 B5 90 D6 E0 E9 B6 D2 E2 B7 87 C6 E4 A0 82 A1 A2 A3 83 88 93 85 81");
    }

    @Test
    void whenServiceAndCustomerNamesThenCp860BytesAreExact() {
        assertThat(hex(empty().text("Bota de Compressão")))
                .isEqualTo("42 6F 74 61 20 64 65 20 43 6F 6D 70 72 65 73 73 84 6F");
        assertThat(hex(empty().text("Maria Conceição")))
                .isEqualTo("4D 61 72 69 61 20 43 6F 6E 63 65 69 87 84 6F");
    }

    @Test
    void whenCharacterIsNotInTheCodePageThenItIsReplacedNeverGarbled() {
        // dashes, curly quotes and the ellipsis have ASCII look-alikes; PC860 has ñ (A4); ő is not in PC860 and
        // loses its accent; € is spelled out; an emoji (two UTF-16 chars) and a CJK letter become one '?' each
        assertThat(new String(empty().encode("Gelo — “frio”…"), CodePage.CP860.charset())).isEqualTo("Gelo - \"frio\"...");
        assertThat(hex(empty().text("ñ"))).isEqualTo("A4");
        assertThat(new String(empty().encode("Erdős"), CodePage.CP860.charset())).isEqualTo("Erdos");
        assertThat(hex(empty().text("1€ 🙂!"))).isEqualTo("31 45 55 52 20 3F 21");
        assertThat(hex(empty().text("漢"))).isEqualTo("3F");
    }

    @Test
    void whenTextCarriesControlCharactersThenTheyCannotBecomeCommands() {
        // ESC inside customer text would start a command on the printer
        assertThat(hex(empty().text("a\u001B@b\u0010\u0004c"))).isEqualTo("61 3F 40 62 3F 3F 63");
    }

    /** The full ticket of docs/printing.md (232 bytes), built through the API. */
    @Test
    void whenSpecTicketIsBuiltThenAll232BytesMatch() {
        String brCode = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
                + "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
        EscPos ticket = EscPos.job(CodePage.CP860)
                .align(Align.CENTER).bold(true).line("ATENÇÃO: SENHA")
                .size(2, 2).line("A042")
                .size(1, 1).bold(false).line("Guichê 3")
                .qr(brCode, 6, QrErrorCorrection.M).feed(1)
                .partialCut(3);
        assertThat(hex(ticket)).isEqualTo(
                "1B 40 1B 74 03 1B 61 01 1B 45 01 41 54 45 4E 80 8E 4F 3A 20 53 45 4E 48 41 0A 1D 21 11 41 30 34 32 0A 1D 21 00 1B 45 00 47 75 69 63 68 88 20 33 0A 1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 8C 00 31 50 30 30 30 30 32 30 31 32 36 35 38 30 30 31 34 62 72 2E 67 6F 76 2E 62 63 62 2E 70 69 78 30 31 33 36 31 32 33 65 34 35 36 37 2D 65 31 32 62 2D 31 32 64 31 2D 61 34 35 36 2D 34 32 36 36 35 35 34 34 30 30 30 30 35 32 30 34 30 30 30 30 35 33 30 33 39 38 36 35 38 30 32 42 52 35 39 31 33 46 75 6C 61 6E 6F 20 64 65 20 54 61 6C 36 30 30 38 42 52 41 53 49 4C 49 41 36 32 30 37 30 35 30 33 2A 2A 2A 36 33 30 34 31 44 33 44 1D 28 6B 03 00 31 51 30 0A 1D 56 42 03");
        assertThat(ticket.bytes()).hasSize(232);
    }
}
