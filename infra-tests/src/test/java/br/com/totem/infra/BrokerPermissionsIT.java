package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import br.com.totem.testkit.TestInfrastructure;

/**
 * Issue 12 item 11 on the real broker: the users infra/rabbitmq/provision.sh makes (the script
 * ./totem up and compose run, here on this run's own vhost, user names suffixed with the run id so
 * that a ./totem on this machine keeps its users) may each publish only their own event types.
 * The shared user of before could publish anything anywhere.
 */
class BrokerPermissionsIT {

    static final String EXCHANGE = "totem.events";
    static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    static TestInfrastructure infra;
    static String vhost;
    static String suffix;

    @BeforeAll
    static void provision() throws Exception {
        infra = TestInfrastructure.get();
        vhost = infra.vhost();
        suffix = "-" + infra.runId();
        var e = infra.endpoints();
        ProcessBuilder pb = new ProcessBuilder("sh", "infra/rabbitmq/provision.sh").directory(Repo.root().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("TOTEM_RABBIT_MANAGEMENT_URL", "http://" + e.rabbitHost() + ":" + e.rabbitManagementPort());
        env.put("TOTEM_RABBIT_ADMIN_USER", e.rabbitUser());
        env.put("TOTEM_RABBIT_ADMIN_PASSWORD", e.rabbitPassword());
        env.put("TOTEM_RABBIT_VHOST", vhost);
        env.put("TOTEM_RABBIT_USER_SUFFIX", suffix);
        for (String id : new String[] {"ticket", "payment", "queue", "print", "report"}) {
            PASSWORDS.put(id, UUID.randomUUID().toString());
            env.put("TOTEM_" + id.toUpperCase() + "_RABBIT_PASSWORD", PASSWORDS.get(id));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("provision.sh: %s", out).isZero();
        // the exchange exists, as the first service to start declares it
        try (Connection c = connect("ticket"); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
        }
    }

    @AfterAll
    static void dropUsers() {
        for (String id : PASSWORDS.keySet()) {
            infra.management("DELETE", "/api/users/totem-" + id + suffix, null);
        }
    }

    static Connection connect(String id) throws Exception {
        var e = infra.endpoints();
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(e.rabbitHost());
        f.setPort(e.rabbitPort());
        f.setVirtualHost(vhost);
        f.setUsername("totem-" + id + suffix);
        f.setPassword(PASSWORDS.get(id));
        return f.newConnection();
    }

    /** Publishes with confirms as the service's user; the broker closes the channel on a refused publish. */
    static void publish(String id, String exchange, String routingKey) throws Exception {
        try (Connection c = connect(id)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().build(), "{}".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5_000);
            ch.close();
        }
    }

    static void assertRefused(ThrowingRunnable action) {
        assertThatThrownBy(action::run).satisfies(t -> {
            Throwable cause = t;
            while (cause != null && !(cause instanceof ShutdownSignalException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("the broker closed the channel: %s", t).isInstanceOf(ShutdownSignalException.class);
            assertThat(cause.getMessage()).contains("ACCESS_REFUSED");
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void ticketServiceMayPublishTicketPaidButNotPaymentConfirmed() throws Exception {
        publish("ticket", EXCHANGE, "ticket.paid");
        assertRefused(() -> publish("ticket", EXCHANGE, "payment.confirmed"));
        // nor a key of its own kind that is not its event type
        assertRefused(() -> publish("ticket", EXCHANGE, "ticket.completed"));
    }

    @Test
    void paymentServiceMayPublishPaymentConfirmedButNotTicketPaid() throws Exception {
        publish("payment", EXCHANGE, "payment.confirmed");
        assertRefused(() -> publish("payment", EXCHANGE, "ticket.paid"));
    }

    @Test
    void reportServicePublishesNothing() {
        assertRefused(() -> publish("report", EXCHANGE, "ticket.paid"));
        assertRefused(() -> publish("report", EXCHANGE, ""));
    }

    @Test
    void noServiceWritesStraightIntoAnotherServicesQueueThroughTheDefaultExchange() {
        assertRefused(() -> publish("ticket", "", "totem.events.payment-service"));
    }

    /**
     * What Spring Cloud Stream and libs/platform do for a consumer (PlatformDefaultsEnvironmentPostProcessor):
     * the topic exchange, the quorum queue totem.events.&lt;service&gt; bound to its event types, the DLX and
     * the DLQ bound to it, consuming, and republishing a failed message to the DLQ; then reading the depth
     * of both (QueueDepths). Another service's queue is neither readable nor declarable.
     */
    @Test
    void eachServiceSetsUpConsumesAndDeadLettersItsOwnQueueOnly() throws Exception {
        try (Connection c = connect("queue"); Channel ch = c.createChannel()) {
            String queue = "totem.events.queue-service";
            ch.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
            ch.exchangeDeclare("DLX", BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare(queue + ".dlq", true, false, false, Map.of("x-queue-type", "quorum"));
            ch.queueBind(queue + ".dlq", "DLX", queue);
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum",
                    "x-dead-letter-exchange", "DLX", "x-dead-letter-routing-key", queue));
            ch.queueBind(queue, EXCHANGE, "ticket.paid");
            ch.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });
            ch.confirmSelect();
            ch.basicPublish("DLX", queue, null, "{}".getBytes(StandardCharsets.UTF_8)); // the binder's republish-to-dlq
            ch.waitForConfirmsOrDie(5_000);
            assertThat(ch.queueDeclarePassive(queue + ".dlq").getMessageCount()).isGreaterThanOrEqualTo(0);
        }
        assertRefused(() -> {
            try (Connection c = connect("ticket"); Channel ch = c.createChannel()) {
                ch.queueDeclare("totem.events.queue-service", true, false, false, Map.of("x-queue-type", "quorum",
                        "x-dead-letter-exchange", "DLX", "x-dead-letter-routing-key", "totem.events.queue-service"));
            }
        });
        assertRefused(() -> {
            try (Connection c = connect("ticket"); Channel ch = c.createChannel()) {
                ch.basicConsume("totem.events.queue-service", true, (tag, delivery) -> { }, tag -> { });
            }
        });
    }
}
