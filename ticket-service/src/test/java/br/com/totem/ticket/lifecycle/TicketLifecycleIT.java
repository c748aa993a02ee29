package br.com.totem.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.messaging.support.MessageBuilder;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.events.EventDispatcher;
import br.com.totem.ticket.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** A ticket's life driven by the real events through RabbitMQ, and the manager's cancel. */
class TicketLifecycleIT extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventDispatcher dispatcher;


    private static final UUID STATION = UUID.randomUUID();
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();

    @Autowired
    TicketExpiry expiry;

    @Autowired
    AuditLog audit;

    @Test
    void whenPaidCalledStartedAndCompletedThenTheTicketRecordsEachStepAndTicketPaidCarriesWhatQueueAndPrintNeed() {
        String prefix = uniquePrefix();
        UUID service = createService(DEMO, "Banheira de Gelo", prefix, 6000, 15);
        JsonNode created = createTicket(DEMO, service, br.com.totem.ticket.support.Cpfs.random());
        UUID ticket = UUID.fromString(created.get("id").asString());
        UUID payment = UUID.randomUUID();

        publish(confirmation(DEMO, ticket, payment, Instant.now()));
        awaitStatus(ticket, "PAID");
        JsonNode paid = outboxEvents(ticket).stream().filter(e -> e.get("type").asString().equals("ticket.paid"))
                .findFirst().orElseThrow();
        JsonNode data = paid.get("data");
        assertThat(data.get("number").asString()).isEqualTo(prefix + "001");
        assertThat(data.get("serviceName").asString()).isEqualTo("Banheira de Gelo");
        assertThat(data.get("durationMinutes").asInt()).isEqualTo(15);
        assertThat(data.get("priority").asString()).isEqualTo("NORMAL");
        assertThat(data.get("displayName").asString()).isEqualTo("Maria S.");
        assertThat(data.get("statusToken").asString()).isEqualTo(created.get("statusToken").asString());
        assertThat(data.get("paymentId").asString()).isEqualTo(payment.toString());
        assertThat(data.get("amountCents").asLong()).isEqualTo(6000);
        assertThat(data.has("businessDate")).isTrue();
        // print-service prints on the printer of the kiosk that sold it, in the tenant's local time
        assertThat(data.get("soldBy").asString()).isEqualTo("kiosk-1");
        assertThat(data.get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
        JsonNode view = getTicket(kiosk(DEMO), ticket);
        assertThat(view.get("number").asString()).isEqualTo(prefix + "001");
        assertThat(view.get("position").asInt()).isEqualTo(1);

        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, prefix + "001", service,
                STATION, "Banheira 2", OPERATOR, SESSION, 0, Instant.now())));
        awaitStatus(ticket, "CALLED");
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, prefix + "001", service,
                STATION, "Banheira 2", OPERATOR, SESSION, 1, Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select recall_count from ticket where id = '" + ticket + "'") == 1);
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketStarted(ticket, prefix + "001",
                STATION, OPERATOR, Instant.now())));
        awaitStatus(ticket, "IN_SERVICE");
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCompleted(ticket, prefix + "001",
                STATION, OPERATOR, 900, Instant.now())));
        awaitStatus(ticket, "COMPLETED");

        JsonNode done = getTicket(manager(DEMO), ticket);
        assertThat(done.get("stationName").asString()).isEqualTo("Banheira 2");
        for (String at : List.of("paidAt", "calledAt", "startedAt", "completedAt")) {
            assertThat(done.has(at)).as(at).isTrue();
        }
        assertThat(done.has("position")).isFalse();
    }

    /**
     * Two instances share the consumer queue: one can take {@code ticket.completed} while the other
     * still applies {@code ticket.started}. The completion must wait for the start (tried again by
     * the binder), not be acknowledged and lost, leaving the ticket in service for ever.
     */
    @Test
    void whenTheCompletionArrivesWhileTheOtherInstanceStillAppliesTheStartThenItIsTriedAgainAndBothApply() {
        UUID service = createService(DEMO);
        UUID ticket = paidTicket(service);
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, "X001", service,
                STATION, "Banheira 1", OPERATOR, SESSION, 0, Instant.now())));
        awaitStatus(ticket, "CALLED");
        Instant startedAt = Instant.now();
        double earlyBefore = meters.counter("totem.inbox.events", "outcome", "early").count();
        var completed = EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCompleted(ticket, "X001",
                STATION, OPERATOR, 600, startedAt.plusSeconds(600)));
        publish(completed);
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("totem.inbox.events", "outcome", "early").count() > earlyBefore);
        assertThat(count("select count(*) from inbox where event_id = '" + completed.id() + "'")).as("not recorded while early").isZero();
        assertThat(status(DEMO, ticket)).isEqualTo("CALLED");

        // the other instance applies the start meanwhile, through the same dispatcher and inbox
        var started = EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketStarted(ticket, "X001",
                STATION, OPERATOR, startedAt));
        dispatcher.dispatch(MessageBuilder.withPayload(codec.encode(started)).build())
                .block(Duration.ofSeconds(10));

        awaitStatus(ticket, "COMPLETED");
        awaitHandled(completed.id());
        JsonNode done = getTicket(manager(DEMO), ticket);
        assertThat(done.has("startedAt")).isTrue();
        assertThat(done.has("completedAt")).isTrue();
    }

    @Test
    void whenTheCalledCustomerDoesNotComeThenNoShow() {
        UUID service = createService(DEMO);
        UUID ticket = paidTicket(service);
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, "X001", service,
                STATION, "Bota 1", OPERATOR, SESSION, 0, Instant.now())));
        awaitStatus(ticket, "CALLED");
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketNoShow(ticket, "X001", STATION,
                OPERATOR, Instant.now())));
        awaitStatus(ticket, "NO_SHOW");
        assertThat(getTicket(manager(DEMO), ticket).has("noShowAt")).isTrue();
    }

    @Test
    void whenACalledTicketIsTransferredThenItWaitsAgainInTheOtherLineKeepingNumberAndSale() {
        UUID service = createService(DEMO);
        UUID other = createService(DEMO);
        UUID ahead = paidTicket(other); // already waiting in the other line, paid earlier
        UUID ticket = paidTicket(service);
        String number = getTicket(manager(DEMO), ticket).get("number").asString();
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, number, service,
                STATION, "Banheira 2", OPERATOR, SESSION, 0, Instant.now())));
        awaitStatus(ticket, "CALLED");
        Instant transferredAt = Instant.now();
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketTransferred(ticket, number, service,
                other, "Bota de Compressão", 30, OPERATOR, transferredAt)));
        awaitStatus(ticket, "PAID");

        JsonNode view = getTicket(manager(DEMO), ticket);
        assertThat(view.get("number").asString()).isEqualTo(number);
        assertThat(view.get("serviceId").asString()).isEqualTo(service.toString()); // what was sold stays
        assertThat(view.get("transferredToServiceId").asString()).isEqualTo(other.toString());
        assertThat(view.get("transferredToServiceName").asString()).isEqualTo("Bota de Compressão");
        assertThat(view.has("transferredAt")).isTrue();
        assertThat(view.has("stationName")).isFalse();
        // it keeps its place by paid time: behind the one paid earlier, waiting the other service's 30 min
        assertThat(view.get("position").asInt()).isEqualTo(2);
        assertThat(view.get("estimatedWaitMinutes").asInt()).isEqualTo(30);
        assertThat(getTicket(manager(DEMO), ahead).get("position").asInt()).isEqualTo(1);
        // and no longer counts in the line it left
        UUID later = paidTicket(service);
        assertThat(getTicket(manager(DEMO), later).get("position").asInt()).isEqualTo(1);

        // a call from the old line, replayed late (older than the transfer), changes nothing
        var staleCall = EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, number, service,
                STATION, "Banheira 2", OPERATOR, SESSION, 1, transferredAt.minusSeconds(5)));
        publish(staleCall);
        awaitHandled(staleCall.id());
        assertThat(status(DEMO, ticket)).isEqualTo("PAID");

        // it is called again from the other line and served there
        publish(EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketCalled(ticket, number, other,
                STATION, "Bota 1", OPERATOR, SESSION, 0, transferredAt.plusSeconds(1))));
        awaitStatus(ticket, "CALLED");
        assertThat(getTicket(manager(DEMO), ticket).get("stationName").asString()).isEqualTo("Bota 1");
        // the same transfer replayed after that call does not send the ticket back to waiting
        var staleTransfer = EventEnvelope.of("queue-service", DEMO, ticket.toString(), new TicketTransferred(ticket, number,
                service, other, "Bota de Compressão", 30, OPERATOR, transferredAt));
        publish(staleTransfer);
        awaitHandled(staleTransfer.id());
        assertThat(status(DEMO, ticket)).isEqualTo("CALLED");
    }

    @Test
    void whenAnUnpaidTicketIsTransferredThenNothingChanges() {
        UUID service = createService(DEMO);
        UUID pending = createTicketId(DEMO, service);
        var transfer = EventEnvelope.of("queue-service", DEMO, pending.toString(), new TicketTransferred(pending, "X001",
                service, UUID.randomUUID(), "Outro", 20, OPERATOR, Instant.now()));
        publish(transfer);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from inbox where event_id = '" + transfer.id() + "'") == 1);
        assertThat(status(DEMO, pending)).isEqualTo("PENDING_PAYMENT");
        assertThat(getTicket(manager(DEMO), pending).has("transferredToServiceId")).isFalse();
    }

    @Test
    void whenAnEventNamesAnUnknownTicketOrOneInAnotherStateThenItIsAcknowledgedAndNothingChanges() {
        UUID service = createService(DEMO);
        UUID pending = createTicketId(DEMO, service);
        var unknown = EventEnvelope.of("queue-service", DEMO, UUID.randomUUID().toString(), new TicketStarted(
                UUID.randomUUID(), "X001", STATION, OPERATOR, Instant.now()));
        var tooEarly = EventEnvelope.of("queue-service", DEMO, pending.toString(), new TicketCompleted(pending, "X001",
                STATION, OPERATOR, 10, Instant.now()));
        publish(unknown);
        publish(tooEarly);
        // the inbox holds both: handled once and acknowledged, not retried into the dead-letter queue
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from inbox where event_id in ('"
                + unknown.id() + "','" + tooEarly.id() + "')") == 2);
        assertThat(status(DEMO, pending)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void whenThePixChargeExpiresThenTheTicketExpiresAndALatePaymentChangesNothing() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        publish(EventEnvelope.of("payment-service", DEMO, UUID.randomUUID().toString(), new PaymentExpired(
                UUID.randomUUID(), ticket, "txid-expired-0000000000000", Instant.now())));
        awaitStatus(ticket, "EXPIRED");
        assertThat(outboxEvents(ticket)).extracting(e -> e.get("type").asString())
                .containsExactly("ticket.created", "ticket.expired");

        var late = confirmation(DEMO, ticket, UUID.randomUUID(), Instant.now());
        publish(late);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from inbox where event_id = '" + late.id() + "'") == 1);
        assertThat(status(DEMO, ticket)).isEqualTo("EXPIRED");
    }

    @Test
    void whenATicketStaysUnpaidLongerThanThePendingTimeoutThenTheSafetySweepExpiresIt() {
        UUID service = createService(DEMO);
        UUID stale = createTicketId(DEMO, service);
        clock.advance(Duration.ofHours(2)); // past the 60 min pending timeout
        UUID fresh = createTicketId(DEMO, service);
        assertThat(expiry.sweep().block()).isGreaterThanOrEqualTo(1L);
        assertThat(status(DEMO, stale)).isEqualTo("EXPIRED");
        assertThat(status(DEMO, fresh)).isEqualTo("PENDING_PAYMENT");
        assertThat(outboxEvents(stale)).extracting(e -> e.get("type").asString()).contains("ticket.expired");
    }

    @Test
    void whenAManagerCancelsAnUnpaidTicketThenNoRefundAndForAPaidOrCalledOneARefund() {
        UUID service = createService(DEMO);
        UUID pending = createTicketId(DEMO, service);
        UUID paid = paidTicket(service);
        UUID called = paidTicket(service);
        publish(EventEnvelope.of("queue-service", DEMO, called.toString(), new TicketCalled(called, "X001", service,
                STATION, "Banheira 1", OPERATOR, SESSION, 0, Instant.now())));
        awaitStatus(called, "CALLED");

        for (var expected : Map.of(pending, false, paid, true, called, true).entrySet()) {
            UUID id = expected.getKey();
            cancel(manager(DEMO), id, "Cliente desistiu").expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("CANCELLED")
                    .jsonPath("$.cancelReason").isEqualTo("Cliente desistiu");
            JsonNode event = outboxEvents(id).getLast();
            assertThat(event.get("type").asString()).isEqualTo("ticket.cancelled");
            assertThat(event.get("data").get("refundRequired").asBoolean()).isEqualTo(expected.getValue());
            assertThat(event.get("data").get("cancelledBy").asString()).isEqualTo("gerente");
            assertThat(audit.entries(DEMO, "ticket", id.toString()).collectList().block())
                    .singleElement().satisfies(e -> {
                        assertThat(e.action()).isEqualTo("ticket.cancel");
                        assertThat(e.actor()).isEqualTo("gerente");
                    });
        }
    }

    @Test
    void whenTheTicketsStateDoesNotAllowCancellingThen409WithItsOwnProblemType() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        cancel(manager(DEMO), ticket, "Primeira vez").expectStatus().isOk();
        cancel(manager(DEMO), ticket, "Segunda vez")
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://totem.dev/problems/invalid-ticket-transition")
                .jsonPath("$.ticketStatus").isEqualTo("CANCELLED")
                .jsonPath("$.action").isEqualTo("CANCEL");
        assertThat(outboxEvents(ticket)).extracting(e -> e.get("type").asString())
                .containsExactly("ticket.created", "ticket.cancelled");
    }

    @Test
    void whenSomeoneOtherThanItsTenantsManagerCancelsThenForbiddenOrNotFound() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        cancel(kiosk(DEMO), ticket, "Tentativa").expectStatus().isForbidden();
        cancel(operator(DEMO), ticket, "Tentativa").expectStatus().isForbidden();
        cancel(manager(OUTRO), ticket, "Tentativa").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/not-found");
        cancel(manager(DEMO), ticket, " ").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        assertThat(status(DEMO, ticket)).isEqualTo("PENDING_PAYMENT");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec cancel(String token, UUID id, String reason) {
        return http.post().uri("/api/v1/tickets/{id}/cancel", id).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("reason", reason)).exchange();
    }

    private void awaitHandled(UUID eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from inbox where event_id = '" + eventId + "'") == 1);
    }

    private UUID paidTicket(UUID service) {
        UUID ticket = createTicketId(DEMO, service);
        publish(confirmation(DEMO, ticket, UUID.randomUUID(), Instant.now()));
        awaitStatus(ticket, "PAID");
        return ticket;
    }

    private void awaitStatus(UUID ticket, String expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> expected.equals(status(DEMO, ticket)));
    }
}
