package br.com.totem.sandbox.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The printer over real TCP: it decodes what it receives, answers DLE EOT, and obeys its control API. */
class PrinterSandboxTest {

    /** The 232-byte reference ticket of docs/printing.md. */
    static final byte[] SPEC_TICKET = HexFormat.ofDelimiter(" ").parseHex(
            "1B 40 1B 74 03 1B 61 01 1B 45 01 41 54 45 4E 80 8E 4F 3A 20 53 45 4E 48 41 0A 1D 21 11 41 30 34 32 0A 1D 21 00 1B 45 00 47 75 69 63 68 88 20 33 0A 1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 8C 00 31 50 30 30 30 30 32 30 31 32 36 35 38 30 30 31 34 62 72 2E 67 6F 76 2E 62 63 62 2E 70 69 78 30 31 33 36 31 32 33 65 34 35 36 37 2D 65 31 32 62 2D 31 32 64 31 2D 61 34 35 36 2D 34 32 36 36 35 35 34 34 30 30 30 30 35 32 30 34 30 30 30 30 35 33 30 33 39 38 36 35 38 30 32 42 52 35 39 31 33 46 75 6C 61 6E 6F 20 64 65 20 54 61 6C 36 30 30 38 42 52 41 53 49 4C 49 41 36 32 30 37 30 35 30 33 2A 2A 2A 36 33 30 34 31 44 33 44 1D 28 6B 03 00 31 51 30 0A 1D 56 42 03");
    static final String BR_CODE = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
            + "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    static final byte[] STATUS_QUERY = {0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04};

    static ConfigurableApplicationContext app;
    static WebTestClient http;
    static int tcpPort;

    @BeforeAll
    static void start() {
        app = EscposPrinterSandboxApplication.startEmbedded(Map.of());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
        tcpPort = app.getBean(TcpPrinterServer.class).port();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void reset() {
        http.delete().uri("/sandbox/printer").exchange().expectStatus().isOk();
        http.delete().uri("/sandbox/tickets").exchange().expectStatus().isNoContent();
    }

    static List<PrintedTicket> tickets() {
        return http.get().uri("/sandbox/tickets").exchange().expectStatus().isOk()
                .expectBodyList(PrintedTicket.class).returnResult().getResponseBody();
    }

    static void send(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes(); // wait until the printer closes its side
        }
    }

    static String status() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(STATUS_QUERY);
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(3);
            return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(reply);
        }
    }

    void condition(Map<String, Object> body) {
        http.put().uri("/sandbox/printer").bodyValue(body).exchange().expectStatus().isOk();
    }

    @Test
    void whenTheReferenceTicketArrivesThenItsTextSizesQrAndCutAreDecoded() throws IOException {
        send(SPEC_TICKET);
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 1);
        PrintedTicket ticket = tickets().getFirst();
        assertThat(ticket.lines()).containsExactly(
                new PrintedTicket.Line("ATENÇÃO: SENHA", "CENTER", true, 1, 1),
                new PrintedTicket.Line("A042", "CENTER", true, 2, 2),
                new PrintedTicket.Line("Guichê 3", "CENTER", false, 1, 1));
        assertThat(ticket.qrCodes()).containsExactly(new PrintedTicket.Qr(BR_CODE, 2, 6, "M"));
        assertThat(ticket.cut()).isEqualTo("PARTIAL");
        assertThat(ticket.codePage()).isEqualTo(3);
        assertThat(ticket.bytes()).isEqualTo(232);
        assertThat(ticket.warnings()).isEmpty();
    }

    @Test
    void whenTextIsInCp860ThenAccentsPrintRight() throws IOException {
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        job.write(new byte[] {0x1B, 0x40, 0x1B, 0x74, 0x03});
        job.write("Bota de Compressão\nMaria Conceição\n".getBytes(Charset.forName("IBM860")));
        job.write(new byte[] {0x1D, 0x56, 0x42, 0x03});
        send(job.toByteArray());
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 1);
        assertThat(tickets().getFirst().text()).isEqualTo("Bota de Compressão\nMaria Conceição");
    }

    @Test
    void whenQrModelIsEscposCoffeesOffByOneValueThenThePrinterSaysSo() throws IOException {
        byte[] job = HexFormat.ofDelimiter(" ").parseHex(
                "1B 40 1D 28 6B 04 00 31 41 30 00 1D 28 6B 06 00 31 50 30 41 42 43 1D 28 6B 03 00 31 51 30 0A 1D 56 31");
        send(job);
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 1);
        assertThat(tickets().getFirst().warnings()).anySatisfy(w -> assertThat(w).contains("modelo de QR inválido n1=48"));
    }

    @Test
    void whenReadyThenDleEotAnswersOnlineWithPaper() throws IOException {
        assertThat(status()).isEqualTo("12 12 12");
    }

    @Test
    void whenPaperRunsOutThenDleEotReportsItAndNothingPrints() throws IOException {
        condition(Map.of("paperOut", true));
        assertThat(status()).isEqualTo("1A 32 7E");
        send(SPEC_TICKET);
        assertThat(tickets()).isEmpty();
        http.get().uri("/sandbox/printer").exchange().expectBody().jsonPath("$.discardedBytes").isEqualTo(232);
    }

    @Test
    void whenOfflineCoverOpenOrPaperNearEndThenEachHasItsBits() throws IOException {
        condition(Map.of("offline", true));
        assertThat(status()).isEqualTo("1A 12 12");
        condition(Map.of("offline", false, "coverOpen", true));
        assertThat(status()).isEqualTo("1A 16 12");
        condition(Map.of("coverOpen", false, "paperNearEnd", true));
        assertThat(status()).isEqualTo("12 12 1E");
    }

    @Test
    void whenAskedToDropMidJobThenTheConnectionIsResetAndTheTicketIsLeftUncut() throws IOException {
        condition(Map.of("dropAfterBytes", 100));
        try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(SPEC_TICKET, 0, 100);
            out.flush();
            assertThat(socket.getInputStream().read()).as("the printer closed the connection").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 1);
        PrintedTicket partial = tickets().getFirst();
        assertThat(partial.complete()).isFalse();
        assertThat(partial.text()).isEqualTo("ATENÇÃO: SENHA\nA042\nGuichê 3");
        assertThat(partial.qrCodes()).isEmpty();
        // only one connection is hit: the next job prints whole
        send(SPEC_TICKET);
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 2);
        assertThat(tickets().get(1).complete()).isTrue();
    }

    @Test
    void whenTwoConnectionsSendAtOnceThenTheSecondWaitsAndTicketsDoNotInterleave() throws Exception {
        condition(Map.of("slowMs", 5));
        Thread first = Thread.ofVirtual().start(() -> sendQuietly(SPEC_TICKET));
        Thread second = Thread.ofVirtual().start(() -> sendQuietly(SPEC_TICKET));
        first.join(Duration.ofSeconds(20));
        second.join(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 2);
        assertThat(tickets()).allSatisfy(t -> {
            assertThat(t.bytes()).isEqualTo(232);
            assertThat(t.qrCodes()).hasSize(1);
            assertThat(t.lines()).hasSize(3);
        });
    }

    @Test
    void whenTheControlApiGetsABadValueThenProblemJsonInPortuguese() {
        http.put().uri("/sandbox/printer").bodyValue(Map.of("offline", "sim")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("offline deve ser true ou false");
        http.put().uri("/sandbox/printer").bodyValue(Map.of("voltagem", 3)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("campo desconhecido: voltagem");
    }

    @Test
    void whenTheQrOfAPrintedTicketIsAskedThenAnSvgIsServed() throws IOException {
        send(SPEC_TICKET);
        await().atMost(Duration.ofSeconds(5)).until(() -> tickets().size() == 1);
        long sequence = tickets().getFirst().sequence();
        http.get().uri("/sandbox/tickets/{s}/qr/0.svg", sequence).exchange().expectStatus().isOk()
                .expectBody(String.class).value(svg -> assertThat(svg).startsWith("<svg").contains("<path d=\"M"));
        http.get().uri("/sandbox/tickets/{s}/qr/1.svg", sequence).exchange().expectStatus().isNotFound();
        http.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
                .value(html -> assertThat(html).contains("Impressora sandbox"));
    }

    static void sendQuietly(byte[] bytes) {
        try {
            send(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
