package br.com.totem.print.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.sandbox.printer.EscposPrinterSandboxApplication;
import br.com.totem.sandbox.printer.PrintedTicket;
import br.com.totem.sandbox.printer.TcpPrinterServer;

/**
 * The escpos-printer sandbox started in this JVM on random ports: a printer reached over real TCP
 * (its ESC/POS port) and real HTTP (its control API). A test class holds one as
 * {@code @RegisterExtension static final PrinterSandbox sandbox = new PrinterSandbox();}: it starts
 * before the class's tests and stops after them.
 */
public final class PrinterSandbox implements BeforeAllCallback, AfterAllCallback {

    private ConfigurableApplicationContext context;
    private WebTestClient control;

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = EscposPrinterSandboxApplication.startEmbedded(Map.of());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        control = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    public int tcpPort() {
        return context.getBean(TcpPrinterServer.class).port();
    }

    /** Changes the printer's condition (offline, paperOut, paperNearEnd, coverOpen, slowMs, dropAfterBytes). */
    public void condition(Map<String, Object> change) {
        control.put().uri("/sandbox/printer").bodyValue(change).exchange().expectStatus().isOk();
    }

    /** A ready printer with an empty roll. */
    public void reset() {
        control.delete().uri("/sandbox/printer").exchange().expectStatus().isOk();
        control.delete().uri("/sandbox/tickets").exchange().expectStatus().isNoContent();
    }

    /** Makes the sandbox a CloudPRNT client polling {@code url} with the printer's token (every 200 ms). */
    public void poll(String url, String token, String media) {
        control.put().uri("/sandbox/cloudprnt").bodyValue(Map.of("url", url, "token", token, "media", media, "intervalMs", 200))
                .exchange().expectStatus().isOk();
    }

    public void stopPolling() {
        control.delete().uri("/sandbox/cloudprnt").exchange().expectStatus().isOk();
    }

    public List<PrintedTicket> tickets() {
        return control.get().uri("/sandbox/tickets").exchange().expectStatus().isOk()
                .expectBodyList(PrintedTicket.class).returnResult().getResponseBody();
    }
}
