package br.com.totem.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventMessage;
import br.com.totem.platform.trace.Traceparent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes committed outbox rows to the {@code totem.events} topic exchange (routing key =
 * event type) and marks them sent once the broker has confirmed them.
 *
 * <p>Each batch runs in one database transaction that first takes a transaction-scoped advisory
 * lock, so with several instances of a service only one relays at a time and rows leave in
 * {@code id} order. A batch is published on one channel and confirmed as a whole; if the
 * confirm fails nothing is marked and the batch is sent again after a back-off (at-least-once:
 * consumers deduplicate through the inbox). Old sent rows are pruned. The platform's
 * {@link br.com.totem.platform.jobs.PeriodicJobs} runs {@link #relay()}, {@link #refreshGauges()}
 * and {@link #prune()} (EventsAutoConfiguration).
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RabbitTemplate rabbit;
    private final EventsProperties.Outbox settings;
    private final String exchange;
    private final long lockKey;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Counter unroutable;
    private final Timer delivery;

    private volatile int consecutiveFailures;
    private volatile Instant nextAttempt = Instant.EPOCH;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, RabbitTemplate rabbit, EventsProperties properties,
                       MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.rabbit = rabbit;
        this.settings = properties.outbox();
        this.exchange = properties.events().exchange();
        this.lockKey = ("totem-outbox-relay:" + properties.serviceId()).hashCode();
        this.published = Counter.builder("totem.outbox.published").description("events published and confirmed").register(meters);
        this.failures = Counter.builder("totem.outbox.failures").description("batches that failed to publish").register(meters);
        this.unroutable = Counter.builder("totem.outbox.unroutable")
                .description("events the broker could route to no queue (nobody bound their type)").register(meters);
        // mandatory: an event no queue is bound for comes back instead of vanishing (issue 12 Low); it
        // still counts as published (a type nobody consumes yet is not an error of the relay), but it
        // is logged and counted, and TotemOutboxUnroutable alerts on it
        rabbit.setMandatory(true);
        rabbit.setReturnsCallback(returned -> {
            unroutable.increment();
            log.warn("event {} of type {} reached no queue on {}: no consumer binds it (check totem.events.consumes)",
                    returned.getMessage().getMessageProperties().getMessageId(), returned.getRoutingKey(), returned.getExchange());
        });
        this.delivery = Timer.builder("totem.outbox.delivery")
                .description("time from the event's commit to the broker's confirm").register(meters);
        Gauge.builder("totem.outbox.pending", pending, AtomicLong::get).description("unsent outbox rows").register(meters);
        Gauge.builder("totem.outbox.lag", oldestPendingAgeMillis, a -> a.get() / 1000.0)
                .description("age in seconds of the oldest unsent row").baseUnit("seconds").register(meters);
    }

    /** Relays until the outbox is empty; returns how many events were published. Also used by tests. */
    public Mono<Long> drain() {
        return relayBatch().expand(n -> n >= settings.batchSize() ? relayBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    /**
     * One batch in one transaction under the advisory lock, bounded by {@code totem.outbox.batch-timeout}:
     * a batch stuck on a hung connection, a lock or an unresponsive broker is abandoned (rolled back,
     * counted in {@code totem.outbox.failures}, logged) and the next round starts on a fresh connection.
     * The server ends the abandoned session itself ({@code idle_in_transaction_session_timeout},
     * DatabaseTimeoutsAutoConfiguration), which releases the advisory lock for the other instances.
     */
    Mono<Long> relayBatch() {
        Mono<Long> batch = db.sql("select pg_try_advisory_xact_lock(:key) as locked")
                .bind("key", lockKey)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> locked ? publishPending() : Mono.just(0L));
        return tx.transactional(batch).timeout(settings.batchTimeout(),
                Mono.error(() -> new java.util.concurrent.TimeoutException(
                        "outbox batch took longer than " + settings.batchTimeout() + " (hung connection or broker?)")));
    }

    private Mono<Long> publishPending() {
        return db.sql("select id, event_id, event_type, source, tenant_id, traceparent, envelope, created_at from outbox where sent_at is null order by id limit :n")
                .bind("n", settings.batchSize())
                .map(row -> new Row(row.get("id", Long.class), row.get("event_id", java.util.UUID.class).toString(),
                        row.get("event_type", String.class), row.get("source", String.class),
                        row.get("tenant_id", String.class), row.get("traceparent", String.class),
                        row.get("envelope", Json.class).asArray(),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0L)
                        : Mono.fromCallable(() -> publish(rows)).subscribeOn(Schedulers.boundedElastic())
                        .then(markSent(rows))
                        .doOnSuccess(n -> recordDelivered(rows)));
    }

    private int publish(List<Row> rows) {
        return rabbit.invoke(ops -> {
            for (Row r : rows) {
                EventMessage message = EventMessage.of(r.eventId(), r.type(), r.source(), r.tenantId(), r.traceparent());
                // the trace the event was written in is current while it is sent: the OpenTelemetry agent's publish
                // span joins it and the traceparent it writes into the message continues it (without the agent,
                // the stored traceparent header goes out as is)
                try (Scope ignored = traceOf(r.traceparent()).makeCurrent()) {
                    ops.send(exchange, message.routingKey(), toAmqp(message, r.body()));
                }
            }
            ops.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
            return rows.size();
        });
    }

    /** The context of a stored W3C traceparent as a remote parent; the root context when there is none or it is malformed. */
    static Context traceOf(String traceparent) {
        return Traceparent.context(traceparent);
    }

    /** The AMQP message of an event: persistent, JSON, message id and headers from {@link EventMessage}. */
    public static Message toAmqp(EventMessage message, byte[] body) {
        MessageProperties props = new MessageProperties();
        props.setContentType(EventMessage.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(message.messageId());
        message.headers().forEach(props::setHeader);
        return new Message(body, props);
    }

    private Mono<Long> markSent(List<Row> rows) {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        return db.sql("update outbox set sent_at = now() where id = any(:ids)")
                .bind("ids", ids)
                .fetch().rowsUpdated();
    }

    private void recordDelivered(List<Row> rows) {
        Instant now = Instant.now();
        rows.forEach(r -> delivery.record(Duration.between(r.createdAt(), now)));
        published.increment(rows.size());
    }

    /**
     * One round of the relay loop: drains the outbox unless a failure's back-off is still running
     * (run by the platform's periodic jobs every {@code totem.outbox.poll-interval}).
     */
    public Mono<Void> relay() {
        if (Instant.now().isBefore(nextAttempt)) {
            return Mono.empty();
        }
        return drain()
                .doOnSuccess(n -> consecutiveFailures = 0)
                .onErrorResume(e -> {
                    failures.increment();
                    int attempt = ++consecutiveFailures;
                    long backoff = Math.min(settings.maxBackoff().toMillis(),
                            100L * (1L << Math.min(attempt, 16)));
                    backoff += (long) (Math.random() * backoff / 4); // jitter: instances do not retry in step
                    nextAttempt = Instant.now().plusMillis(backoff);
                    log.warn("outbox relay failed ({} in a row), next attempt in {} ms: {}", attempt, backoff, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Refreshes the {@code totem.outbox.pending} and {@code totem.outbox.lag} gauges. */
    public Mono<Void> refreshGauges() {
        return db.sql("select count(*) as n, min(created_at) as oldest from outbox where sent_at is null")
                .map(row -> {
                    pending.set(row.get("n", Long.class));
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    oldestPendingAgeMillis.set(oldest == null ? 0 : Duration.between(oldest.toInstant(), Instant.now()).toMillis());
                    return true;
                })
                .one().then();
    }

    /** Deletes sent rows older than the retention; unsent rows are never pruned. */
    public Mono<Long> prune() {
        return db.sql("delete from outbox where sent_at is not null and sent_at < :cutoff")
                .bind("cutoff", OffsetDateTime.now().minus(settings.retention()))
                .fetch().rowsUpdated();
    }

    private record Row(long id, String eventId, String type, String source, String tenantId, String traceparent,
                       byte[] body, Instant createdAt) {
    }
}
