package br.com.totem.testkit;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationContext;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event to the events exchange of the test's broker exactly as a producer's outbox
 * relay does (the same {@link EventMessage} attributes and JSON body), so a test feeds a service
 * the messages it meets in production. The one way a test publishes an event.
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

    public void publish(EventEnvelope<?> event) {
        EventMessage message = EventMessage.of(event);
        MessageProperties props = new MessageProperties();
        props.setContentType(EventMessage.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(message.messageId());
        message.headers().forEach(props::setHeader);
        rabbit.send(exchange, message.routingKey(), new Message(json.writeValueAsBytes(event), props));
    }
}
