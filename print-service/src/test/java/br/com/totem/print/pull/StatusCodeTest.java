package br.com.totem.print.pull;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The codes printers really send (docs/printing.md): only the leading digits count. */
class StatusCodeTest {

    @ParameterizedTest
    @CsvSource({
            "200%20OK, 200, true, false, false, PRINTER_ERROR",
            "200+OK, 200, true, false, false, PRINTER_ERROR",
            "200, 200, true, false, false, PRINTER_ERROR",
            "OK, 200, true, false, false, PRINTER_ERROR",
            "211%20Paper%20Low, 211, true, false, false, PRINTER_ERROR",
            "410%20Paper%20Empty, 410, false, true, false, PAPER_OUT",
            "411 Paper Jam, 411, false, true, false, PRINTER_ERROR",
            "420%20Cover%20Open, 420, false, true, false, COVER_OPEN",
            "510 Unsupported Media, 510, false, false, true, PRINTER_REJECTED",
            "521%20Too%20Large, 521, false, false, true, PRINTER_REJECTED",
            "2000 OK, 2000, true, false, false, PRINTER_ERROR",
            "4100 Paper Empty, 4100, false, true, false, PAPER_OUT",
            "garbage%zz, 0, false, false, false, PRINTER_ERROR",
    })
    void readsTheLeadingDigits(String raw, int code, boolean success, boolean condition, boolean rejected, String reason) {
        StatusCode status = StatusCode.parse(raw);
        assertThat(status.code()).isEqualTo(code);
        assertThat(status.success()).isEqualTo(success);
        assertThat(status.printerCondition()).isEqualTo(condition);
        assertThat(status.dataRejected()).isEqualTo(rejected);
        if (condition || rejected) {
            assertThat(status.reason()).isEqualTo(reason);
        }
    }

    @org.junit.jupiter.api.Test
    void anEmptyCodeIsNoSuccess() {
        assertThat(StatusCode.parse(null).success()).isFalse();
        assertThat(StatusCode.parse("  ").code()).isZero();
    }
}
