package br.com.totem.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.jobs.PeriodicJob;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The event backbone of a service: outbox, relay, inbox and the consumer binding. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties(EventsProperties.class)
@ConditionalOnClass(name = {"org.springframework.r2dbc.core.DatabaseClient",
        "org.springframework.amqp.rabbit.core.RabbitTemplate"})
@ConditionalOnBean(DatabaseClient.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    Outbox outbox(DatabaseClient db, EventCodec codec) {
        return new Outbox(db, codec);
    }

    @Bean
    TopicExchange totemEventsExchange(EventsProperties properties) {
        // declared by RabbitAdmin on every (re)connection, so publishing never targets a missing exchange
        return new TopicExchange(properties.events().exchange(), true, false);
    }

    @Bean
    @ConditionalOnProperty(name = "totem.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, RabbitTemplate rabbit,
                            EventsProperties properties, MeterRegistry meters) {
        return new OutboxRelay(db, tx, rabbit, properties, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    br.com.totem.platform.audit.AuditLog auditLog(DatabaseClient db, JsonMapper json) {
        return new br.com.totem.platform.audit.AuditLog(db, json);
    }

    @Bean
    Inbox inbox(DatabaseClient db) {
        return new Inbox(db);
    }

    @Bean
    @ConditionalOnProperty("totem.events.consumes")
    EventDispatcher eventDispatcher(EventCodec codec, Inbox inbox, TransactionalOperator tx, EventsProperties properties,
                                    ObjectProvider<EventHandlers> registrations, ObjectProvider<EventHandler<?>> handlers,
                                    MeterRegistry meters) {
        List<EventHandlers> all = new java.util.ArrayList<>(registrations.orderedStream().toList());
        handlers.orderedStream().map(EventHandlers::of).forEach(all::add);
        return new EventDispatcher(codec, inbox, tx, properties.serviceId(), all, properties.events().consumes(), meters);
    }

    /**
     * The binder's listener thread runs this; it waits for the reactive handler so that the
     * binder's retry, back-off and dead-lettering apply (they do not for reactive functions).
     * This is a listener thread, never an event loop (ADR 0002).
     */
    @Bean
    @ConditionalOnProperty("totem.events.consumes")
    Consumer<Message<byte[]>> totemEvents(EventDispatcher dispatcher, EventsProperties properties) {
        Duration timeout = properties.inbox().handlerTimeout();
        return message -> dispatcher.dispatch(message).block(timeout);
    }

    @Bean
    @ConditionalOnProperty("totem.events.consumes")
    QueueDepths queueDepths(RabbitTemplate rabbit, EventsProperties properties,
                            org.springframework.core.env.Environment environment, MeterRegistry meters) {
        return new QueueDepths(rabbit, properties, environment.getRequiredProperty("spring.application.name"), meters);
    }

    @Bean
    @ConditionalOnProperty("totem.events.consumes")
    PeriodicJob queueDepthGauges(QueueDepths depths) {
        return PeriodicJob.named("queue-depth-gauges").firstAfter(Duration.ofSeconds(5)).every(Duration.ofSeconds(15))
                .run(depths::refresh);
    }

    /** Deletes inbox records older than the retention (far beyond any redelivery window), hourly. */
    @Bean
    PeriodicJob inboxPruning(Inbox inbox, EventsProperties properties) {
        return PeriodicJob.named("inbox-pruning").firstAfter(Duration.ofMinutes(1)).every(Duration.ofHours(1))
                .onOneInstance().run(() -> inbox.prune(properties.inbox().retention()));
    }

    /** Every instance polls; a batch takes the relay's own advisory lock, so rows still leave in order. */
    @Bean
    @ConditionalOnProperty(name = "totem.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    PeriodicJob outboxRelayLoop(OutboxRelay relay, EventsProperties properties) {
        return PeriodicJob.named("outbox-relay").every(properties.outbox().pollInterval()).run(relay::relay);
    }

    @Bean
    @ConditionalOnProperty(name = "totem.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    PeriodicJob outboxGauges(OutboxRelay relay) {
        return PeriodicJob.named("outbox-gauges").firstAfter(Duration.ofSeconds(1)).every(Duration.ofSeconds(5))
                .run(relay::refreshGauges);
    }

    /** Sent rows older than {@code totem.outbox.retention}; unsent rows are never pruned. */
    @Bean
    @ConditionalOnProperty(name = "totem.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    PeriodicJob outboxPruning(OutboxRelay relay) {
        return PeriodicJob.named("outbox-pruning").firstAfter(Duration.ofSeconds(1)).every(Duration.ofHours(1))
                .onOneInstance().run(relay::prune);
    }

}
