package br.com.totem.print.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** DLE EOT replies read bit by bit as documented in docs/printing.md. */
class PrinterStatusTest {

    @Test
    void whenQueryThenDleEotOneTwoFour() {
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(PrinterStatus.QUERY))
                .isEqualTo("10 04 01 10 04 02 10 04 04");
    }

    @Test
    void whenOnlineWithPaperThenReady() {
        // 0x16 is what an Epson TM answered to DLE EOT 1 (online, drawer pin 3 high); 0x12 the fixed bits alone
        PrinterStatus status = PrinterStatus.parse((byte) 0x16, (byte) 0x12, (byte) 0x12);
        assertThat(status.ready()).isTrue();
        assertThat(status.problem()).isNull();
        assertThat(status.offline()).isFalse();
        assertThat(status.paperNearEnd()).isFalse();
    }

    @Test
    void whenPaperNearEndThenStillReadyButFlagged() {
        PrinterStatus status = PrinterStatus.parse((byte) 0x12, (byte) 0x12, (byte) 0x1E);
        assertThat(status.paperNearEnd()).isTrue();
        assertThat(status.paperOut()).isFalse();
        assertThat(status.ready()).isTrue();
    }

    @Test
    void whenPaperOutThenOfflineStoppedByPaperEndAndNotReady() {
        PrinterStatus status = PrinterStatus.parse((byte) 0x1A, (byte) 0x32, (byte) 0x72);
        assertThat(status.offline()).isTrue();
        assertThat(status.stoppedByPaperEnd()).isTrue();
        assertThat(status.paperOut()).isTrue();
        assertThat(status.ready()).isFalse();
        assertThat(status.problem()).isEqualTo("PAPER_OUT");
    }

    @Test
    void whenCoverOpenThenCoverOpenProblem() {
        PrinterStatus status = PrinterStatus.parse((byte) 0x1A, (byte) 0x16, (byte) 0x12);
        assertThat(status.coverOpen()).isTrue();
        assertThat(status.problem()).isEqualTo("COVER_OPEN");
    }

    @Test
    void whenOnlyOfflineThenOfflineProblem() {
        PrinterStatus status = PrinterStatus.parse((byte) 0x1A, (byte) 0x12, (byte) 0x12);
        assertThat(status.problem()).isEqualTo("OFFLINE");
        assertThat(status.ready()).isFalse();
    }

    @Test
    void whenByteBreaksTheFixedBitsThenItIsNoStatus() {
        assertThatThrownBy(() -> PrinterStatus.parse((byte) 0x00, (byte) 0x12, (byte) 0x12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DLE EOT 1");
        assertThatThrownBy(() -> PrinterStatus.parse((byte) 0x12, (byte) 0x93, (byte) 0x12))
                .hasMessageContaining("DLE EOT 2");
        assertThatThrownBy(() -> PrinterStatus.parse((byte) 0x12, (byte) 0x12, (byte) 0x13))
                .hasMessageContaining("DLE EOT 4");
    }
}
