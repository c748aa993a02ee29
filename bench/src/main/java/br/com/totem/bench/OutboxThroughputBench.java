package br.com.totem.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.jobs.PeriodicJobs;
import br.com.totem.testkit.TestInfrastructure;
import reactor.core.publisher.Flux;

/**
 * Outbox relay throughput against a plain RabbitMQ Java client, in one run, same settings:
 * persistent messages, publisher confirms per batch of {@code totem.outbox.batch-size}, a durable
 * quorum queue, a consumer acking each message with prefetch 32, the same ticket.paid body.
 *
 * <ul>
 * <li>plain: the client publishes N messages (confirm every batch) while a consumer drains
 * the queue; events/s = N / (first publish → last delivery).</li>
 * <li>relay: N events committed to the outbox (relay stopped), then the relay starts and
 * publishes them; the same consumer drains a quorum queue bound to the exchange;
 * events/s = N / (relay start → last delivery).</li>
 * <li>end to end (reported beside): 16 transactions at a time each commit one event while the
 * relay runs; bounded by PostgreSQL's commit rate on this disk.</li>
 * </ul>
 * Usage: {@code java -jar bench/target/bench.jar [N] [rounds]}.
 */
public class OutboxThroughputBench {

    @SpringBootApplication
    static class ProducerApp {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var infra = TestInfrastructure.get();
        String vhost = infra.vhost();

        Map<String, Object> p = new LinkedHashMap<>(infra.propertiesFor("bench"));
        p.put("spring.application.name", "bench-producer");
        p.put("totem.service-id", "bench");
        p.put("server.port", 0);
        p.put("logging.structured.format.console", "");
        p.put("logging.level.root", "WARN");
        List<String> argv = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ProducerApp.class).run(argv.toArray(String[]::new));
        int batch = app.getEnvironment().getProperty("totem.outbox.batch-size", Integer.class, 200);

        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(infra.endpoints().rabbitHost());
        cf.setPort(infra.endpoints().rabbitPort());
        cf.setUsername(infra.endpoints().rabbitUser());
        cf.setPassword(infra.endpoints().rabbitPassword());
        cf.setVirtualHost(vhost);

        byte[] body = app.getBean(EventCodec.class).encode(sampleEvent());
        System.out.printf("machine: %d cores, JDK %s; N=%d events of %d bytes, confirm batch %d, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), n, body.length, batch, rounds);

        try (Connection publisherConn = cf.newConnection("bench-publisher");
             Connection consumerConn = cf.newConnection("bench-consumer")) {
            Channel setup = publisherConn.createChannel();
            setup.exchangeDeclare("bench.plain", BuiltinExchangeType.TOPIC, true);
            setup.exchangeDeclare("totem.events", BuiltinExchangeType.TOPIC, true);
            declareQuorum(setup, "bench.plain.q", "bench.plain", "ticket.paid");
            declareQuorum(setup, "bench.outbox.q", "totem.events", "ticket.paid");

            for (int round = 1; round <= rounds; round++) {
                double plain = plainRun(publisherConn, consumerConn, body, n, batch);
                double relay = relayRun(app, consumerConn, n);
                System.out.printf("round %d: plain client %.0f events/s, outbox relay %.0f events/s, ratio %.2f%n",
                        round, plain, relay, relay / plain);
                endToEndRun(app, consumerConn, n);
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    static void declareQuorum(Channel ch, String queue, String exchange, String key) throws Exception {
        ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(queue, exchange, key);
        ch.queuePurge(queue);
    }

    static double plainRun(Connection pub, Connection con, byte[] body, int n, int batch) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        try (Consumption c = consume(con, "bench.plain.q", done); Channel ch = pub.createChannel()) {
            ch.confirmSelect();
            AMQP.BasicProperties props = MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();
            long start = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                ch.basicPublish("bench.plain", "ticket.paid", props, body);
                if (i % batch == 0 || i == n) {
                    ch.waitForConfirmsOrDie(10_000);
                }
            }
            await(done, "plain");
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Relay throughput: N events already committed, then the relay starts; N / (start → last delivery). */
    static double relayRun(ConfigurableApplicationContext app, Connection con, int n) throws Exception {
        PeriodicJobs relay = app.getBean(PeriodicJobs.class); // runs the relay loop
        relay.stop();
        commit(app, n);
        CountDownLatch done = new CountDownLatch(n);
        try (Consumption c = consume(con, "bench.outbox.q", done)) {
            long start = System.nanoTime();
            relay.start();
            await(done, "relay");
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** End to end: 16 business transactions at a time commit one event each while the relay runs. */
    static double endToEndRun(ConfigurableApplicationContext app, Connection con, int n) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        try (Consumption c = consume(con, "bench.outbox.q", done)) {
            long start = System.nanoTime();
            double commitsPerSecond = commit(app, n);
            await(done, "end-to-end");
            double e2e = n / ((System.nanoTime() - start) / 1e9);
            System.out.printf("  end to end: %.0f commits/s by 16 concurrent transactions → %.0f events/s delivered%n",
                    commitsPerSecond, e2e);
            return e2e;
        }
    }

    static double commit(ConfigurableApplicationContext app, int n) {
        Outbox outbox = app.getBean(Outbox.class);
        TransactionalOperator tx = app.getBean(TransactionalOperator.class);
        long start = System.nanoTime();
        Flux.range(0, n)
                .flatMap(i -> tx.transactional(outbox.append(sampleEvent())), 16)
                .then().block(Duration.ofMinutes(10));
        return n / ((System.nanoTime() - start) / 1e9);
    }

    static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + " run did not finish: " + done.getCount() + " left");
        }
    }

    record Consumption(Channel channel, String tag) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            channel.basicCancel(tag);
            channel.close();
        }
    }

    static Consumption consume(Connection con, String queue, CountDownLatch done) throws Exception {
        Channel ch = con.createChannel();
        ch.basicQos(32);
        String tag = ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] b)
                    throws java.io.IOException {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                done.countDown();
            }
        });
        return new Consumption(ch, tag);
    }

    static EventEnvelope<TicketPaid> sampleEvent() {
        UUID ticket = UUID.randomUUID();
        return EventEnvelope.of("ticket-service", "demo", ticket.toString(), new TicketPaid(ticket,
                UUID.randomUUID(), "Banheira de Gelo", "G012", LocalDate.now(), 15, Priority.NORMAL, "Maria S.",
                UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID(), 6000, Instant.now()));
    }
}
