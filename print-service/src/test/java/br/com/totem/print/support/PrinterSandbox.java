package br.com.totem.print.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.sandbox.printer.EscposPrinterSandboxApplication;
import br.com.totem.sandbox.printer.PrintedTicket;
import br.com.totem.sandbox.printer.TcpPrinterServer;

/**
 * The escpos-printer sandbox started in this JVM on random ports: a printer reached over real TCP
 * (its ESC/POS port) and real HTTP (its control API).
 */
public final class PrinterSandbox implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final WebTestClient control;

    private PrinterSandbox(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.control = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    public static PrinterSandbox start() {
        return new PrinterSandbox(EscposPrinterSandboxApplication.startEmbedded(Map.of()));
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

    @Override
    public void close() {
        context.close();
    }
}
