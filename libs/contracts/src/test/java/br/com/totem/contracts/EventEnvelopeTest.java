package br.com.totem.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private final TicketExpired expired = new TicketExpired(UUID.randomUUID(), Instant.parse("2026-11-23T15:17:40Z"));

    @Test
    void factoryFillsTheAttributesFromThePayloadType() {
        EventEnvelope<TicketExpired> envelope =
            EventEnvelope.of("ticket-service", "demo", expired.ticketId().toString(), expired);

        assertThat(envelope.specversion()).isEqualTo("1.0");
        assertThat(envelope.id()).isNotNull();
        assertThat(envelope.type()).isEqualTo("ticket.expired");
        assertThat(envelope.dataversion()).isEqualTo(EventType.TICKET_EXPIRED.dataVersion());
        assertThat(envelope.time()).isNotNull();
        assertThat(envelope.traceparent()).isNull();
        assertThat(envelope.subject()).isEqualTo(expired.ticketId().toString());

        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        EventEnvelope<TicketExpired> traced = envelope.withTraceparent(traceparent);
        assertThat(traced.traceparent()).isEqualTo(traceparent);
        assertThat(traced.id()).isEqualTo(envelope.id());
    }

    @Test
    void theSourceIsTheProducerOfTheEventType() {
        assertThat(EventEnvelope.of("demo", "t-1", expired).source()).isEqualTo("ticket-service");
        var confirmed = new PaymentConfirmed(UUID.randomUUID(), UUID.randomUUID(), "txid", "E2E", 3700, PaymentMethod.PIX,
            Instant.parse("2026-11-23T15:17:40Z"));
        assertThat(EventEnvelope.of("demo", "p-1", confirmed).source()).isEqualTo("payment-service");
    }

    @Test
    void malformedEnvelopesFailFast() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        String subject = expired.ticketId().toString();

        assertThatIllegalArgumentException().isThrownBy(() ->
            new EventEnvelope<>("0.3", id, "ticket.expired", "ticket-service", now, "demo", 1, null, subject, expired));
        assertThatIllegalArgumentException().isThrownBy(() ->
            new EventEnvelope<>("1.0", id, "ticket.expired", "ticket-service", now, "demo", 0, null, subject, expired));
        assertThatIllegalArgumentException().isThrownBy(() ->
            new EventEnvelope<>("1.0", id, "ticket.paid", "ticket-service", now, "demo", 1, null, subject, expired));
        assertThatNullPointerException().isThrownBy(() ->
            new EventEnvelope<>("1.0", id, "ticket.expired", "ticket-service", now, null, 1, null, subject, expired))
            .withMessage("tenantid");
    }

    @Test
    void payloadsNameTheMissingField() {
        assertThatNullPointerException().isThrownBy(() -> new TicketExpired(UUID.randomUUID(), null))
            .withMessage("expiredAt");
    }

    @Test
    void onlyPixConfirmationsNeedAnEndToEndId() {
        UUID paymentId = UUID.randomUUID();
        UUID ticketId = UUID.randomUUID();
        Instant now = Instant.now();

        assertThat(new PaymentConfirmed(paymentId, ticketId, null, null, 4500, PaymentMethod.CASH, now).endToEndId()).isNull();
        assertThatNullPointerException().isThrownBy(() ->
                new PaymentConfirmed(paymentId, ticketId, "totemabc", null, 4500, PaymentMethod.PIX, now))
            .withMessage("endToEndId");
    }
}
