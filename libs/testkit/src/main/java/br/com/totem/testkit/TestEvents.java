package br.com.totem.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event to the events exchange of the test's broker exactly as a producer's outbox
 * relay does, so a test feeds a service the messages it meets in production: the one way a test
 * publishes an event. The envelope is written with the service's JSON mapper and the message
 * attributes are read from that JSON, as {@code br.com.totem.contracts.EventMessage} maps them
 * (the testkit cannot depend on contracts, whose tests use it; the platform's EventBackboneIT
 * checks both give the same message).
 */
public final class TestEvents {

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String exchange;

    public TestEvents(ApplicationContext context) {
        this.rabbit = context.getBean(RabbitTemplate.class);
        this.json = context.getBean(JsonMapper.class);
        this.exchange = context.getEnvironment().getProperty("totem.events.exchange", "totem.events");
    }

    /** Publishes an {@code EventEnvelope}. */
    public void publish(Record envelope) {
        Message message = message(envelope);
        rabbit.send(exchange, (String) message.getMessageProperties().getHeaders().get("ce-type"), message);
    }

    /** The message the outbox relay would send for the envelope. */
    public Message message(Record envelope) {
        byte[] body = json.writeValueAsBytes(envelope);
        JsonNode tree = json.readTree(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-id", tree.get("id").asString());
        headers.put("ce-type", tree.get("type").asString());
        headers.put("ce-source", tree.get("source").asString());
        headers.put("ce-tenantid", tree.get("tenantid").asString());
        JsonNode traceparent = tree.get("traceparent");
        if (traceparent != null && !traceparent.isNull()) {
            headers.put("traceparent", traceparent.asString());
        }
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(headers.get("ce-id"));
        headers.forEach(props::setHeader);
        return new Message(body, props);
    }
}
