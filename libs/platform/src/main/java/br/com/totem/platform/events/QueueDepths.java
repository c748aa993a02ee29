package br.com.totem.platform.events;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How many messages wait in this service's event queue ({@code totem.events.<application>}) and in its dead-letter
 * queue ({@code totem.events.<application>.dlq}, where a message lands after its retries): the gauges
 * {@code totem_events_queue_depth} and {@code totem_events_dlq_depth}, read with a passive queue declare (the
 * broker's own count, no plugin needed) by a periodic job. A queue that does not exist yet reads -1.
 */
public class QueueDepths {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    private final RabbitTemplate rabbit;
    private final String queue;
    private final String dlq;
    private final AtomicLong queueDepth = new AtomicLong(-1);
    private final AtomicLong dlqDepth = new AtomicLong(-1);

    /** {@code group}: the consumer group, {@code spring.application.name} (PlatformDefaultsEnvironmentPostProcessor). */
    public QueueDepths(RabbitTemplate rabbit, EventsProperties properties, String group, MeterRegistry meters) {
        this.rabbit = rabbit;
        // Spring Cloud Stream's queue for destination + group
        this.queue = properties.events().exchange() + "." + group;
        this.dlq = queue + ".dlq";
        Gauge.builder("totem.events.queue.depth", queueDepth, AtomicLong::get).tag("queue", queue)
                .description("messages ready in the service's event queue").register(meters);
        Gauge.builder("totem.events.dlq.depth", dlqDepth, AtomicLong::get).tag("queue", dlq)
                .description("messages in the service's dead-letter queue").register(meters);
    }

    /** Reads both counts from the broker. */
    public Mono<Void> refresh() {
        return Mono.fromRunnable(() -> {
            queueDepth.set(count(queue));
            dlqDepth.set(count(dlq));
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private long count(String name) {
        try {
            Long n = rabbit.execute(channel -> (long) channel.queueDeclarePassive(name).getMessageCount());
            return n == null ? -1 : n;
        } catch (RuntimeException e) {
            log.debug("cannot read the depth of {}: {}", name, e.toString());
            return -1;
        }
    }
}
