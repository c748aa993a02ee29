package br.com.totem.print.pull;

import static br.com.totem.print.support.PrintApi.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import br.com.totem.contracts.TicketPaid;
import br.com.totem.print.support.PrintIT;

/**
 * The pull path's time limits, with short settings: a printer that stops polling is offline and its
 * waiting ticket goes to the PDF; a job fetched and never confirmed is not offered again (that printed
 * tickets twice elsewhere) but ends INTERRUPTED with its PDF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.print.poll-interval=100ms", "totem.print.cloudprnt.offline-after=1s",
        "totem.print.cloudprnt.confirm-timeout=2s"})
class CloudPrntWatchIT extends PrintIT {

    Map<String, Object> poll(String token) {
        return api.http.post().uri("/api/v1/cloudprnt").header(HttpHeaders.AUTHORIZATION, basic(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("statusCode", "200%20OK"))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @Test
    void whenThePrinterNeverPollsTheTicketGoesToThePdfAsOffline() {
        api.cloudPrntPrinter(device, null);
        TicketPaid ticket = api.paid(device);
        api.publish(ticket);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(api.status(ticket.ticketId())));
        Map<String, Object> job = api.jobs(ticket.ticketId()).getFirst();
        assertThat(job).containsEntry("reason", "OFFLINE").containsKey("pdfUrl");
        assertThat(api.outbox("print.failed", (String) job.get("id"))).singleElement()
                .satisfies(e -> assertThat(e).contains("OFFLINE"));
    }

    @Test
    void whenAFetchedJobIsNeverConfirmedItIsNotOfferedAgainButEndsInterruptedWithItsPdf() {
        String token = (String) api.cloudPrntPrinter(device, null).get("cloudPrntToken");
        TicketPaid ticket = api.paid(device);
        api.publish(ticket);
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(poll(token).get("jobReady")));
        Object job = poll(token).get("jobToken");
        api.http.get().uri("/api/v1/cloudprnt?type=image/png&token={job}", job)
                .header(HttpHeaders.AUTHORIZATION, basic(token)).exchange().expectStatus().isOk();

        // the printer keeps polling (so it is not offline) but never confirms
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            poll(token);
            return "FAILED".equals(api.status(ticket.ticketId()));
        });
        assertThat(api.jobs(ticket.ticketId()).getFirst()).containsEntry("reason", "INTERRUPTED").containsKey("pdfUrl");
        assertThat(poll(token)).containsEntry("jobReady", false);
    }
}
