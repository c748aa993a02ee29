package br.com.totem.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventMessage;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.platform.events.OutboxRelay;
import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.platform.jobs.PeriodicJobs;
import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The event backbone on real PostgreSQL and RabbitMQ: two applications with their own
 * databases, talking only through the broker — through a proxy the test can cut.
 */
class EventBackboneIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 4;

    static TcpProxy brokerLink;
    static ConfigurableApplicationContext producer;
    static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void startTwoServices() {
        var infra = TestInfrastructure.get();
        brokerLink = new TcpProxy(infra.endpoints().rabbitHost(), infra.endpoints().rabbitPort());
        producer = start("producer-app", "producer", "classpath:db/platform,classpath:db/backbone-producer", null);
        consumer = start("consumer-app", "consumer", "classpath:db/platform,classpath:db/backbone-consumer", "ticket.expired");
    }

    static ConfigurableApplicationContext start(String name, String serviceId, String migrations, String consumes) {
        Map<String, Object> p = new LinkedHashMap<>(TestInfrastructure.get().propertiesFor(serviceId));
        p.put("TOTEM_RABBIT_HOST", brokerLink.host());
        p.put("TOTEM_RABBIT_PORT", brokerLink.port());
        p.put("spring.application.name", name);
        p.put("totem.service-id", serviceId);
        p.put("spring.flyway.locations", migrations);
        p.put("server.port", 0);
        p.put("totem.outbox.max-backoff", "2s");
        p.put("totem.events.max-attempts", MAX_ATTEMPTS);
        p.put("totem.events.backoff-initial-ms", 100);
        p.put("totem.events.backoff-max-ms", 500);
        p.put("spring.rabbitmq.listener.simple.recovery-interval", "1s");
        if (consumes != null) {
            p.put("totem.events.consumes", consumes);
        }
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(BackboneTestApp.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
        brokerLink.close();
    }

    @Test
    void whenStateAndEventCommitTogetherThenTheOtherServiceAppliesItExactlyOnce() {
        String tenant = tenant();
        var event = writer().commit(tenant, UUID.randomUUID(), false).block(BOUND);

        await().atMost(BOUND).until(() -> effects(tenant) == 1);

        // the broker redelivers the very same event (as after a consumer crash before its ack)
        new TestEvents(producer).publish(event);
        await().atMost(BOUND).until(() -> counter(consumer, "duplicate") >= 1);

        assertThat(effects(tenant)).isEqualTo(1);
        assertThat(count(producer, "select count(*) from notes where tenant_id = '" + tenant + "'")).isEqualTo(1);
        assertThat(count(producer, "select count(*) from outbox where sent_at is not null and event_id = '" + event.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    void whenTransactionRollsBackThenNeitherStateNorEventExists() {
        String tenant = tenant();
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> writer().commit(tenant, rolledBack, true).block(BOUND))
                .hasMessageContaining("roll back");
        // a later committed event from the same producer arrives: everything before it was relayed
        writer().commit(tenant, UUID.randomUUID(), false).block(BOUND);
        await().atMost(BOUND).until(() -> effects(tenant) == 1);

        assertThat(count(consumer, "select count(*) from effects where ticket_id = '" + rolledBack + "'")).isZero();
        assertThat(count(producer, "select count(*) from notes where ticket_id = '" + rolledBack + "'")).isZero();
        assertThat(count(producer, "select count(*) from outbox where aggregate_id = '" + rolledBack + "'")).isZero();
    }

    @Test
    void whenBrokerConnectionIsCutWithThousandEventsInFlightThenAllArriveAndNoneTwiceInEffect() {
        String tenant = tenant();
        var writer = writer();
        double failuresBefore = producer.getBean(MeterRegistry.class).counter("totem.outbox.failures").count();

        commitMany(writer, tenant, 300);
        await().atMost(BOUND).until(() -> effects(tenant) >= 1);
        brokerLink.cut();
        commitMany(writer, tenant, 700);
        // the relay has noticed: it is retrying with back-off while the rows wait in the outbox
        await().atMost(BOUND).until(() ->
                producer.getBean(MeterRegistry.class).counter("totem.outbox.failures").count() > failuresBefore);
        long duringCut = effects(tenant);
        assertThat(duringCut).isLessThan(1000);
        brokerLink.restore();

        await().atMost(Duration.ofSeconds(120)).until(() -> effects(tenant) >= 1000);
        assertThat(count(consumer, "select count(distinct ticket_id) from effects where tenant_id = '" + tenant + "'"))
                .isEqualTo(1000);
        assertThat(effects(tenant)).as("no event applied twice").isEqualTo(1000);
        assertThat(count(producer, "select count(*) from outbox where sent_at is null")).isZero();
    }

    @Test
    void whenEventAlwaysFailsThenItIsRetriedThenDeadLettered() {
        String tenant = tenant();
        String dlq = "totem.events.consumer-app.dlq";
        int before = BackboneTestApp.poisonAttempts.get();
        writer().commit(tenant, BackboneTestApp.POISON, false).block(BOUND);

        // ops staff see it in the dead-letter queue's depth (the "DLQ growing" alert) before anyone takes it out
        var depths = consumer.getBean(br.com.totem.platform.events.QueueDepths.class);
        var dlqDepth = consumer.getBean(MeterRegistry.class).get("totem.events.dlq.depth").tag("queue", dlq).gauge();
        await().atMost(BOUND).until(() -> {
            depths.refresh().block(BOUND);
            return dlqDepth.value() >= 1;
        });
        Message dead = await().atMost(BOUND).until(
                () -> consumer.getBean(RabbitTemplate.class).receive(dlq), m -> m != null);

        assertThat(new String(dead.getBody())).contains(BackboneTestApp.POISON.toString());
        assertThat(BackboneTestApp.poisonAttempts.get() - before).isEqualTo(MAX_ATTEMPTS);
        assertThat(effects(tenant)).isZero();
        // the consumer goes on with the next event: the poison does not block the queue
        writer().commit(tenant, UUID.randomUUID(), false).block(BOUND);
        await().atMost(BOUND).until(() -> effects(tenant) == 1);
    }

    @Test
    void whenMessageIsNotValidJsonThenItIsDeadLetteredNotLost() {
        String dlq = "totem.events.consumer-app.dlq";
        MessageProperties props = new MessageProperties();
        props.setHeader("ce-type", "ticket.expired");
        props.setMessageId("garbled-" + UUID.randomUUID());
        producer.getBean(RabbitTemplate.class).send("totem.events", "ticket.expired",
                new Message("{not json".getBytes(), props));

        Message dead = await().atMost(BOUND).until(
                () -> consumer.getBean(RabbitTemplate.class).receive(dlq), m -> m != null && m.getMessageProperties()
                        .getMessageId() != null && m.getMessageProperties().getMessageId().equals(props.getMessageId()));
        assertThat(new String(dead.getBody())).isEqualTo("{not json");
    }

    @Test
    void testsPublishTheMessageTheRelayPublishes() {
        var event = EventEnvelope.of("ticket-service", "demo", "t-1", new TicketExpired(UUID.randomUUID(), Instant.now()))
                .withTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        byte[] body = producer.getBean(EventCodec.class).encode(event);
        Message relayed = OutboxRelay.toAmqp(EventMessage.of(event), body);
        Message published = new TestEvents(producer).message(event);

        assertThat(published.getBody()).isEqualTo(relayed.getBody());
        assertThat(published.getMessageProperties().getHeaders()).isEqualTo(relayed.getMessageProperties().getHeaders());
        assertThat(published.getMessageProperties().getMessageId()).isEqualTo(relayed.getMessageProperties().getMessageId());
        assertThat(published.getMessageProperties().getContentType())
                .isEqualTo(relayed.getMessageProperties().getContentType());
        assertThat(published.getMessageProperties().getDeliveryMode())
                .isEqualTo(relayed.getMessageProperties().getDeliveryMode());
    }

    @Test
    void whenAOneInstanceJobRunsThenAnotherSessionSkipsItUntilItEnds() {
        PeriodicJobs jobs = producer.getBean(PeriodicJobs.class);
        PeriodicJob job = producer.getBean("gatedJob", PeriodicJob.class);
        Sinks.Empty<Void> release = Sinks.empty();
        BackboneTestApp.gate.set(release);
        try {
            // the first run holds the job's advisory lock on a connection of its own until released
            Mono<Boolean> first = jobs.runOnce(job).cache();
            first.subscribe();
            long key = jobs.lockKey(job);
            await().atMost(BOUND).until(() -> count(producer, "select count(*) from pg_locks where locktype = 'advisory'"
                    + " and granted and database = (select oid from pg_database where datname = current_database())"
                    + " and objid = " + (key & 0xffffffffL) + " and classid = " + ((key >>> 32) & 0xffffffffL)) == 1);
            // a second run (another instance would use another connection, as this one does) is skipped
            assertThat(jobs.runOnce(job).block(BOUND)).isFalse();
            release.tryEmitEmpty();
            assertThat(first.block(BOUND)).isTrue();
        } finally {
            BackboneTestApp.gate.set(null);
        }
        // the lock was given back: the next run runs
        assertThat(jobs.runOnce(job).block(BOUND)).isTrue();
        MeterRegistry meters = producer.getBean(MeterRegistry.class);
        assertThat(meters.counter("totem.jobs.runs", "job", "gated", "outcome", "skipped").count()).isGreaterThanOrEqualTo(1);
        // the last completed run's time, which the "daily job did not run" alert reads
        assertThat(meters.get("totem.jobs.last.done").tag("job", "gated").gauge().value())
                .isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60.0));
    }

    private static void commitMany(BackboneTestApp.NoteWriter writer, String tenant, int n) {
        Flux.range(0, n).concatMap(i -> writer.commit(tenant, UUID.randomUUID(), false), 1).then().block(BOUND);
    }

    private static BackboneTestApp.NoteWriter writer() {
        return producer.getBean(BackboneTestApp.NoteWriter.class);
    }

    private static String tenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long effects(String tenant) {
        return count(consumer, "select count(*) from effects where tenant_id = '" + tenant + "'");
    }

    private static double counter(ConfigurableApplicationContext app, String outcome) {
        return app.getBean(MeterRegistry.class).counter("totem.inbox.events", "outcome", outcome).count();
    }

    private static long count(ConfigurableApplicationContext app, String sql) {
        return app.getBean(DatabaseClient.class).sql(sql).map(row -> row.get(0, Long.class)).one().block(BOUND);
    }


    @Test
    void whenNoQueueIsBoundForAnEventTypeThenTheRelayCountsAndLogsItInsteadOfLosingItSilently() {
        // issue 12 Low: without mandatory an unroutable event disappeared without a trace
        MeterRegistry meters = producer.getBean(MeterRegistry.class);
        double before = meters.counter("totem.outbox.unroutable").count();
        UUID ticket = UUID.randomUUID();
        var called = br.com.totem.contracts.EventEnvelope.of("queue-service", tenant(), ticket.toString(),
                new br.com.totem.contracts.TicketCalled(ticket, "B001", UUID.randomUUID(), UUID.randomUUID(), "Banheira 1",
                        UUID.randomUUID(), UUID.randomUUID(), 0, java.time.Instant.now()));
        producer.getBean(org.springframework.transaction.reactive.TransactionalOperator.class)
                .transactional(producer.getBean(br.com.totem.platform.events.Outbox.class).append(called)).block(BOUND);
        await().atMost(BOUND).until(() -> meters.counter("totem.outbox.unroutable").count() > before);
        assertThat(count(producer, "select count(*) from outbox where sent_at is not null and event_id = '" + called.id() + "'"))
                .isEqualTo(1);
    }
}
