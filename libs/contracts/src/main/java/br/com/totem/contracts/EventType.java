package br.com.totem.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the suite: its wire name (CloudEvents {@code type} and AMQP routing key),
 * payload record, current {@code dataversion} and the one service allowed to publish it.
 */
public enum EventType {
    TICKET_CREATED("ticket.created", TicketCreated.class, 1, Producers.TICKET),
    TICKET_PAID("ticket.paid", TicketPaid.class, 1, Producers.TICKET),
    TICKET_CANCELLED("ticket.cancelled", TicketCancelled.class, 1, Producers.TICKET),
    TICKET_EXPIRED("ticket.expired", TicketExpired.class, 1, Producers.TICKET),
    // The counter events are about tickets but happen in queue-service.
    TICKET_CALLED("ticket.called", TicketCalled.class, 1, Producers.QUEUE),
    TICKET_STARTED("ticket.started", TicketStarted.class, 1, Producers.QUEUE),
    TICKET_COMPLETED("ticket.completed", TicketCompleted.class, 1, Producers.QUEUE),
    TICKET_NO_SHOW("ticket.no_show", TicketNoShow.class, 1, Producers.QUEUE),
    TICKET_TRANSFERRED("ticket.transferred", TicketTransferred.class, 1, Producers.QUEUE),
    PAYMENT_LINK_CREATED("payment.link_created", PaymentLinkCreated.class, 1, Producers.PAYMENT),
    PAYMENT_CONFIRMED("payment.confirmed", PaymentConfirmed.class, 1, Producers.PAYMENT),
    PAYMENT_EXPIRED("payment.expired", PaymentExpired.class, 1, Producers.PAYMENT),
    PAYMENT_REFUNDED("payment.refunded", PaymentRefunded.class, 1, Producers.PAYMENT),
    PRINT_COMPLETED("print.completed", PrintCompleted.class, 1, Producers.PRINT),
    PRINT_FAILED("print.failed", PrintFailed.class, 1, Producers.PRINT),
    CATALOG_SERVICE_CHANGED("catalog.service_changed", ServiceChanged.class, 1, Producers.TICKET),
    CUSTOMER_ANONYMISED("customer.anonymised", CustomerAnonymised.class, 1, Producers.TICKET);

    private static final Map<String, EventType> BY_WIRE_NAME =
        Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<? extends EventPayload>, EventType> BY_PAYLOAD =
        Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;
    private final int dataVersion;
    private final String producer;

    EventType(String wireName, Class<? extends EventPayload> payloadType, int dataVersion, String producer) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.dataVersion = dataVersion;
        this.producer = producer;
    }

    /** The CloudEvents {@code type}, also the AMQP routing key, e.g. {@code "ticket.paid"}. */
    public String wireName() {
        return wireName;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The {@code dataversion} producers write today. */
    public int dataVersion() {
        return dataVersion;
    }

    /** The service that publishes this event and the CloudEvents {@code source} it uses. */
    public String producer() {
        return producer;
    }

    /** Empty for a type this build does not know, so a consumer can skip or dead-letter it. */
    public static Optional<EventType> fromWire(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }

    /** The event type of a payload record; a static lookup so payloads stay plain records. */
    public static EventType of(Class<? extends EventPayload> payloadType) {
        EventType type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("no EventType for " + payloadType);
        }
        return type;
    }

    // Constant holder: enum constructors cannot refer to the enum's own static fields.
    private static final class Producers {
        static final String TICKET = "ticket-service";
        static final String PAYMENT = "payment-service";
        static final String QUEUE = "queue-service";
        static final String PRINT = "print-service";
    }
}
