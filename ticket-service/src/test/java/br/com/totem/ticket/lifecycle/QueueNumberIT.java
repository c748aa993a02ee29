package br.com.totem.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.support.MessageBuilder;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.platform.events.EventDispatcher;
import br.com.totem.ticket.support.IntegrationTest;
import br.com.totem.ticket.lifecycle.domain.QueueNumber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Numbers per tenant, service and business day: unique, gap-free, from 001, under concurrency and redelivery. */
class QueueNumberIT extends IntegrationTest {

    @Autowired
    EventDispatcher dispatcher;

    @Test
    void when200ConfirmationsArriveInParallelThenThe200TicketsGetConsecutiveNumbersFrom001() throws Exception {
        String prefix = uniquePrefix();
        UUID service = createService(DEMO, "Banheira de Gelo", prefix, 6000, 15);
        List<UUID> tickets = createTickets(DEMO, service, 200);
        Instant now = Instant.now();

        // the consumer's real path (inbox + transaction + handler), 200 at once instead of one by one off the queue
        Flux.fromIterable(tickets)
                .flatMap(id -> dispatcher.dispatch(message(confirmation(DEMO, id, UUID.randomUUID(), now)))
                        .subscribeOn(Schedulers.boundedElastic()), 200)
                .then().block(Duration.ofSeconds(120));

        List<String> numbers = db.sql("select number from ticket where service_id = :s").bind("s", service)
                .map(r -> r.get("number", String.class)).all().collectList().block();
        List<String> expected = IntStream.rangeClosed(1, 200).mapToObj(i -> QueueNumber.format(prefix, i)).toList();
        Collections.sort(numbers);
        assertThat(numbers).containsExactlyElementsOf(expected);
        assertThat(count("select count(*) from outbox where event_type = 'ticket.paid' and aggregate_id in (select id::text from ticket where service_id = '"
                + service + "')")).isEqualTo(200);
        assertThat(count("select last_value from daily_counter where service_id = '" + service + "'")).isEqualTo(200);
    }

    @Test
    void whenTheSameConfirmationIsDeliveredTwiceThenTheTicketGetsOneNumber() {
        String prefix = uniquePrefix();
        UUID service = createService(DEMO, "Bota de Compressão", prefix, 4500, 30);
        UUID ticket = createTicketId(DEMO, service);
        var event = confirmation(DEMO, ticket, UUID.randomUUID(), Instant.now());
        publish(event);
        publish(event);
        // the queue is consumed in order: once a later event is applied, both copies were handled
        UUID marker = createTicketId(DEMO, service);
        publish(confirmation(DEMO, marker, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(DEMO, marker)));

        assertThat(number(ticket)).isEqualTo(prefix + "001");
        assertThat(number(marker)).isEqualTo(prefix + "002");
        assertThat(outboxEvents(ticket)).extracting(e -> e.get("type").asString())
                .containsExactly("ticket.created", "ticket.paid");
    }

    @Test
    void whenWebhookAndReconciliationConfirmTheSamePaymentAsTwoEventsThenOneNumber() {
        String prefix = uniquePrefix();
        UUID service = createService(DEMO, "Banheira de Gelo", prefix, 6000, 15);
        UUID ticket = createTicketId(DEMO, service);
        UUID payment = UUID.randomUUID();
        dispatcher.dispatch(message(confirmation(DEMO, ticket, payment, Instant.now()))).block();
        dispatcher.dispatch(message(confirmation(DEMO, ticket, payment, Instant.now()))).block();
        assertThat(number(ticket)).isEqualTo(prefix + "001");
        assertThat(count("select last_value from daily_counter where service_id = '" + service + "'")).isEqualTo(1);
    }

    @Test
    void whenTheBusinessDayTurnsInTheTenantsTimeZoneThenNumbersStartAgainAt001() {
        String prefix = uniquePrefix();
        UUID service = createService(DEMO, "Banheira de Gelo", prefix, 6000, 15);
        UUID late = createTicketId(DEMO, service);
        UUID later = createTicketId(DEMO, service);
        UUID nextDay = createTicketId(DEMO, service);
        // 23:50 and 23:55 in São Paulo on 9 January, then 00:10 on the 10th (UTC-3)
        dispatch(confirmation(DEMO, late, UUID.randomUUID(), Instant.parse("2026-01-10T02:50:00Z")));
        dispatch(confirmation(DEMO, later, UUID.randomUUID(), Instant.parse("2026-01-10T02:55:00Z")));
        dispatch(confirmation(DEMO, nextDay, UUID.randomUUID(), Instant.parse("2026-01-10T03:10:00Z")));
        assertThat(number(late)).isEqualTo(prefix + "001");
        assertThat(number(later)).isEqualTo(prefix + "002");
        assertThat(number(nextDay)).isEqualTo(prefix + "001");
        assertThat(businessDate(late)).isEqualTo(LocalDate.parse("2026-01-09"));
        assertThat(businessDate(nextDay)).isEqualTo(LocalDate.parse("2026-01-10"));
    }

    @Test
    void whenATenantHasItsOwnTimeZoneThenItsBusinessDayFollowsIt() {
        String tenant = "manaus";
        db.sql("insert into tenant_settings (tenant_id, time_zone) values (:t, 'America/Manaus') on conflict do nothing")
                .bind("t", tenant).then().block();
        UUID service = createService(tenant);
        UUID ticket = createTicketId(tenant, service);
        // 00:30 in São Paulo, still 23:30 of the day before in Manaus (UTC-4)
        dispatch(confirmation(tenant, ticket, UUID.randomUUID(), Instant.parse("2026-03-11T03:30:00Z")));
        assertThat(businessDate(ticket)).isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void whenTwoServicesOrTwoTenantsSellAtOnceThenEachCountsOnItsOwn() {
        String g = uniquePrefix();
        String b = uniquePrefix();
        UUID banheira = createService(DEMO, "Banheira de Gelo", g, 6000, 15);
        UUID bota = createService(DEMO, "Bota de Compressão", b, 4500, 30);
        UUID outros = createService(OUTRO, "Banheira de Gelo", g, 6000, 15);
        UUID t1 = createTicketId(DEMO, banheira);
        UUID t2 = createTicketId(DEMO, bota);
        UUID t3 = createTicketId(OUTRO, outros);
        Instant now = Instant.now();
        dispatch(confirmation(DEMO, t1, UUID.randomUUID(), now));
        dispatch(confirmation(DEMO, t2, UUID.randomUUID(), now));
        dispatch(confirmation(OUTRO, t3, UUID.randomUUID(), now));
        assertThat(number(t1)).isEqualTo(g + "001");
        assertThat(number(t2)).isEqualTo(b + "001");
        assertThat(number(t3)).isEqualTo(g + "001");
    }

    @Test
    void whenAConfirmationNamesAnotherTenantsTicketThenNothingHappens() {
        UUID service = createService(DEMO);
        UUID ticket = createTicketId(DEMO, service);
        dispatch(confirmation(OUTRO, ticket, UUID.randomUUID(), Instant.now()));
        assertThat(status(DEMO, ticket)).isEqualTo("PENDING_PAYMENT");
    }

    private List<UUID> createTickets(String tenant, UUID service, int n) throws Exception {
        List<Callable<UUID>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> createTicketId(tenant, service));
        }
        List<UUID> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<UUID> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
        }
        return ids;
    }

    private void dispatch(EventEnvelope<PaymentConfirmed> event) {
        dispatcher.dispatch(message(event)).block(Duration.ofSeconds(10));
    }

    private org.springframework.messaging.Message<byte[]> message(EventEnvelope<?> event) {
        return MessageBuilder.withPayload(codec.encode(event)).setHeader("ce-type", event.type()).build();
    }

    private String number(UUID ticket) {
        return db.sql("select number from ticket where id = :id").bind("id", ticket)
                .map(r -> r.get("number", String.class)).one().block();
    }

    private LocalDate businessDate(UUID ticket) {
        return db.sql("select business_date from ticket where id = :id").bind("id", ticket)
                .map(r -> r.get("business_date", LocalDate.class)).one().block();
    }
}
