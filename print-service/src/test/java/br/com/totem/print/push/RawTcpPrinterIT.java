package br.com.totem.print.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import br.com.totem.print.escpos.CodePage;
import br.com.totem.print.escpos.PrinterStatus;
import br.com.totem.print.support.PrinterSandbox;
import br.com.totem.print.ticket.EscPosTicketRenderer;
import br.com.totem.print.ticket.PaperWidth;
import br.com.totem.print.ticket.TicketContent;
import br.com.totem.print.ticket.TicketLayout;
import br.com.totem.sandbox.printer.PrintedTicket;

/** print-service's TCP printer client against the sandbox printer, over real TCP 9100-style sockets. */
class RawTcpPrinterIT {

    static final String STATUS_URL = "https://totem.example.com/t/q3JzT0r9c8oFQy1kq8m2H0oPpWm5sN3dZ7vYh2xL4aE";

    @RegisterExtension
    static final PrinterSandbox sandbox = new PrinterSandbox();

    final RawTcpPrinter printer = new RawTcpPrinter(Duration.ofSeconds(2), Duration.ofSeconds(3));

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static byte[] ticket(PaperWidth paper) {
        TicketContent content = new TicketContent("Studio Recupera", "B007", "Bota de Compressão",
                java.time.ZonedDateTime.parse("2026-12-04T17:05:00-03:00[America/Sao_Paulo]"),
                "Maria Conceição", STATUS_URL, false);
        return EscPosTicketRenderer.render(TicketLayout.of(content, paper, CodePage.CP860), CodePage.CP860);
    }

    @Test
    void whenTheTicketIsPushedThenThePrinterPrintsItWithAccentsAndTheStatusUrlInTheQr() {
        PrinterStatus after = printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM80));
        assertThat(after.ready()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.tickets().size() == 1);
        PrintedTicket printed = sandbox.tickets().getFirst();
        assertThat(printed.text()).contains("SENHA", "B007", "Bota de Compressão", "Maria Conceição", "04/12/2026 17:05");
        assertThat(printed.lines()).anySatisfy(l -> {
            assertThat(l.text()).isEqualTo("B007");
            assertThat(l.width()).isEqualTo(6);
            assertThat(l.height()).isEqualTo(6);
            assertThat(l.bold()).isTrue();
        });
        assertThat(printed.qrCodes()).singleElement().satisfies(qr -> {
            assertThat(qr.data()).isEqualTo(STATUS_URL);
            assertThat(qr.model()).isEqualTo(2);
        });
        assertThat(printed.cut()).isEqualTo("PARTIAL");
        assertThat(printed.warnings()).isEmpty();
    }

    @Test
    void whenPaperIsOutThenDleEotSaysSoAndNothingIsSent() {
        sandbox.condition(Map.of("paperOut", true));
        assertThat(printer.status("127.0.0.1", sandbox.tcpPort()).paperOut()).isTrue();
        assertThatThrownBy(() -> printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM58)))
                .isInstanceOfSatisfying(PrinterUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo("PAPER_OUT");
                    assertThat(e.reportedByPrinter()).isTrue();
                });
        assertThat(sandbox.tickets()).isEmpty();
    }

    @Test
    void whenOfflineOrCoverOpenThenTheReasonSaysWhich() {
        sandbox.condition(Map.of("offline", true));
        assertThatThrownBy(() -> printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM80)))
                .isInstanceOfSatisfying(PrinterUnavailableException.class, e -> assertThat(e.reason()).isEqualTo("OFFLINE"));
        sandbox.condition(Map.of("offline", false, "coverOpen", true));
        assertThatThrownBy(() -> printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM80)))
                .isInstanceOfSatisfying(PrinterUnavailableException.class, e -> assertThat(e.reason()).isEqualTo("COVER_OPEN"));
        assertThat(sandbox.tickets()).isEmpty();
    }

    @Test
    void whenPaperIsNearItsEndThenTheTicketPrintsAndTheStatusAfterSaysSo() {
        sandbox.condition(Map.of("paperNearEnd", true));
        PrinterStatus after = printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM58));
        assertThat(after.paperNearEnd()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.tickets().size() == 1);
    }

    @Test
    void whenThePrinterDropsTheConnectionMidJobThenTheJobFailsAsConnectionLost() {
        sandbox.condition(Map.of("dropAfterBytes", 120));
        assertThatThrownBy(() -> printer.print("127.0.0.1", sandbox.tcpPort(), ticket(PaperWidth.MM80)))
                .isInstanceOfSatisfying(PrinterUnavailableException.class, e -> assertThat(e.reason()).isEqualTo("CONNECTION_LOST"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.tickets().size() == 1);
        assertThat(sandbox.tickets().getFirst().complete()).as("the paper was not cut").isFalse();
    }

    @Test
    void whenNothingListensThenTheJobFailsAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> printer.print("127.0.0.1", closedPort, ticket(PaperWidth.MM80)))
                .isInstanceOfSatisfying(PrinterUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo("UNREACHABLE");
                    assertThat(e.reportedByPrinter()).isFalse();
                });
    }
}
