package br.com.totem.print.pull;

import static br.com.totem.print.support.PrintApi.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import br.com.totem.contracts.TicketPaid;
import br.com.totem.print.support.PrintApi;
import br.com.totem.print.support.PrintIT;
import br.com.totem.print.support.PrinterSandbox;
import br.com.totem.sandbox.printer.PrintedTicket;

/**
 * The pull path over real HTTP: a CloudPRNT printer polls with its token, fetches its job and only its
 * confirmation marks the job printed; the sandbox printer as a polling client prints the PNG and the
 * ESC/POS forms; another tenant's printer gets nothing; printer conditions and rejections end in the PDF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.print.poll-interval=100ms", "totem.print.public-base-url=https://totem.example.com",
        "totem.print.cloudprnt.offline-after=120s", "totem.print.cloudprnt.confirm-timeout=120s"})
class CloudPrntIT extends PrintIT {

    @RegisterExtension
    static final PrinterSandbox sandbox = new PrinterSandbox();

    @BeforeEach
    void quietPrinter() {
        sandbox.stopPolling();
        sandbox.reset();
    }

    Map<String, Object> poll(String token, String status) {
        return api.http.post().uri("/api/v1/cloudprnt").header(HttpHeaders.AUTHORIZATION, basic(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("statusCode", status, "printerMAC", "00:11:62:0a:0b:0c", "printingInProgress", false))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    Map<String, Object> pollUntilReady(String token) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(poll(token, "200%20OK").get("jobReady")));
        return poll(token, "200%20OK");
    }

    byte[] fetch(String token, String type, Object jobToken, int expectedStatus) {
        return api.http.get().uri(u -> u.path("/api/v1/cloudprnt").queryParam("type", type).queryParam("mac", "00:11:62:0a:0b:0c")
                        .queryParam("token", jobToken).build())
                .header(HttpHeaders.AUTHORIZATION, basic(token)).exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    Map<String, Object> confirm(String token, Object jobToken, String code) {
        return api.http.delete().uri("/api/v1/cloudprnt?code={code}&token={job}&mac=00:11:62:0a:0b:0c", code, jobToken)
                .header(HttpHeaders.AUTHORIZATION, basic(token)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    static String qr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    @Test
    void whenAPrinterPollsItFetchesItsJobAsPngAndOnlyItsConfirmationMarksItPrinted() throws Exception {
        String token = (String) api.cloudPrntPrinter(device, null).get("cloudPrntToken");
        TicketPaid ticket = api.paid(device);
        api.publish(ticket);

        Map<String, Object> ready = pollUntilReady(token);
        assertThat(ready.get("mediaTypes")).isEqualTo(List.of("image/png"));
        Object job = ready.get("jobToken");
        assertThat(job).isEqualTo(api.jobs(ticket.ticketId()).getFirst().get("id"));

        byte[] png = fetch(token, "image/png", job, 200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(576); // 80 mm at 203 dpi, printed pixel for pixel
        assertThat(qr(png)).isEqualTo("https://totem.example.com/t/" + ticket.statusToken());
        // fetched is not printed: the job waits for the printer's word, and a repeated GET gives the same ticket
        assertThat(api.status(ticket.ticketId())).isEqualTo("PRINTING");
        assertThat(fetch(token, "image/png", job, 200)).isEqualTo(png);
        assertThat(fetch(token, "text/plain", job, 415)).isNotNull();
        assertThat(api.outbox("print.completed", (String) job)).isEmpty();

        assertThat(confirm(token, job, "200%20OK")).containsEntry("confirmed", true);
        assertThat(api.status(ticket.ticketId())).isEqualTo("PRINTED");
        assertThat(api.outbox("print.completed", (String) job)).singleElement()
                .satisfies(e -> assertThat(e).contains(ticket.ticketId().toString()));
        // a repeated confirmation changes nothing and publishes nothing more
        assertThat(confirm(token, job, "200+OK")).containsEntry("confirmed", false);
        assertThat(api.outbox("print.completed", (String) job)).hasSize(1);
        assertThat(poll(token, "200%20OK")).containsEntry("jobReady", false);
    }

    @Test
    void whenAnotherTenantsPrinterPollsItGetsNothingAndAWrongTokenIsRefused() {
        String token = (String) api.cloudPrntPrinter(device, null).get("cloudPrntToken");
        TicketPaid ticket = api.paid(device);
        api.publish(ticket);
        Object job = pollUntilReady(token).get("jobToken");

        PrintApi other = new PrintApi(port, context);
        String otherToken = (String) other.cloudPrntPrinter(device, null).get("cloudPrntToken"); // same device name, other tenant
        assertThat(poll(otherToken, "200%20OK")).containsEntry("jobReady", false);
        fetch(otherToken, "image/png", job, 404);
        assertThat(confirm(otherToken, job, "200%20OK")).containsEntry("confirmed", false);
        assertThat(api.status(ticket.ticketId())).isEqualTo("QUEUED");

        api.http.post().uri("/api/v1/cloudprnt").header(HttpHeaders.AUTHORIZATION, basic("not-a-printer-token"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("statusCode", "200%20OK")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.http.get().uri("/api/v1/cloudprnt?type=image/png&token={job}", job).exchange().expectStatus().isUnauthorized();
        // the bearer token of a manager is no printer token either
        api.http.delete().uri("/api/v1/cloudprnt?code=200&token={job}", job).headers(h -> h.setBearerAuth(api.manager()))
                .exchange().expectStatus().isUnauthorized();
        assertThat(api.status(ticket.ticketId())).isEqualTo("QUEUED");
    }

    @Test
    void whenThePrinterReportsPaperOutItsJobGoesToThePdfAtOnceAndARejectedJobToo() {
        String token = (String) api.cloudPrntPrinter(device, null).get("cloudPrntToken");
        TicketPaid first = api.paid(device);
        api.publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QUEUED".equals(api.status(first.ticketId())));

        assertThat(poll(token, "410%20Paper%20Empty")).containsEntry("jobReady", false);
        Map<String, Object> failed = api.jobs(first.ticketId()).getFirst();
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("reason", "PAPER_OUT").containsKey("pdfUrl");
        assertThat(api.outbox("print.failed", (String) failed.get("id"))).singleElement()
                .satisfies(e -> assertThat(e).contains("PAPER_OUT"));

        // the next ticket is fetched, then the printer cannot use it (511): FAILED with its PDF, never PRINTED
        TicketPaid second = api.paid(device);
        api.publish(second);
        Object job = pollUntilReady(token).get("jobToken");
        fetch(token, "image/png", job, 200);
        confirm(token, job, "511%20Decode%20Failure");
        assertThat(api.jobs(second.ticketId()).getFirst()).containsEntry("status", "FAILED")
                .containsEntry("reason", "PRINTER_REJECTED").containsKey("pdfUrl");
    }

    @Test
    void whenTheSandboxPrinterPollsItPrintsThePngAndTheEscPosFormsAndConfirmsThem() {
        String token = (String) api.cloudPrntPrinter(device, null).get("cloudPrntToken");
        sandbox.poll("http://127.0.0.1:" + port + "/api/v1/cloudprnt", token, "image/png");
        TicketPaid ticket = api.paid(device);
        api.publish(ticket);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PRINTED".equals(api.status(ticket.ticketId())));
        PrintedTicket png = sandbox.tickets().getLast();
        assertThat(png.via()).isEqualTo("CLOUDPRNT image/png");
        assertThat(png.qrCodes()).singleElement().satisfies(qr -> assertThat(qr.data())
                .isEqualTo("https://totem.example.com/t/" + ticket.statusToken()));
        assertThat(png.cut()).isEqualTo("PARTIAL");

        // a printer set to take ESC/POS (an agent beside an ESC/POS printer) gets the bytes, accents and all
        String escDevice = device + "-e";
        String escToken = (String) api.cloudPrntPrinter(escDevice, "ESCPOS").get("cloudPrntToken");
        sandbox.poll("http://127.0.0.1:" + port + "/api/v1/cloudprnt", escToken, "application/octet-stream");
        TicketPaid escTicket = api.paid(escDevice);
        api.publish(escTicket);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PRINTED".equals(api.status(escTicket.ticketId())));
        PrintedTicket esc = sandbox.tickets().getLast();
        assertThat(esc.via()).isEqualTo("CLOUDPRNT application/octet-stream");
        assertThat(esc.text()).contains("SENHA", escTicket.number(), "Bota de Compressão", "Maria Conceição");
        assertThat(esc.qrCodes()).singleElement().satisfies(qr -> assertThat(qr.model()).isEqualTo(2));
    }
}
