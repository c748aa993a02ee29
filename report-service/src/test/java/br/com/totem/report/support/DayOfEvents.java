package br.com.totem.report.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.PaymentLinkCreated;
import br.com.totem.contracts.PaymentMethod;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.PrintCompleted;
import br.com.totem.contracts.PrintFailed;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.RefundStatus;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.contracts.TicketTransferred;

/**
 * A seeded generator of a studio's day as the producers would publish it: tickets created, paid (Pix,
 * cash, card), expired, cancelled with refunds (some failing), transferred, called (some recalled),
 * no-shows, served, printed or not. Same seed, same events (ids included), so a failure can be replayed.
 */
public final class DayOfEvents {

    public record Service(UUID id, String name, String prefix, long priceCents, int minutes) {
    }

    public static final Service ICE = new Service(UUID.fromString("0b7e4a52-3c1d-4f8e-a6b9-2e5d7c9f1a30"), "Banheira de Gelo",
            "G", 6000, 15);
    public static final Service BOOT = new Service(UUID.fromString("6a1f2e3d-4c5b-4a69-8788-99aabbccdd01"), "Bota de Compressão",
            "B", 4500, 30);

    private final Random random;
    private final String tenant;
    private final ZoneId zone;
    private final boolean zoneInCreated;
    private final List<UUID> stations;
    private final List<String> stationNames;
    private final List<UUID> operators;
    private final UUID printer;
    private int numbers;
    private int refunds;

    /**
     * @param zoneInCreated whether ticket.created carries the zone (older producers did not: then only ticket.paid says it)
     */
    public DayOfEvents(long seed, String tenant, ZoneId zone, boolean zoneInCreated) {
        this.random = new Random(seed);
        this.tenant = tenant;
        this.zone = zone;
        this.zoneInCreated = zoneInCreated;
        this.stations = List.of(uuid(), uuid(), uuid());
        this.stationNames = List.of("Banheira 1", "Banheira 2", "Bota 1");
        this.operators = List.of(uuid(), uuid());
        this.printer = uuid();
    }

    /** {@code tickets} tickets created on {@code date} between 07:00 and 21:00 local time, every event they lead to. */
    public List<EventEnvelope<? extends EventPayload>> day(LocalDate date, int tickets) {
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>();
        Instant open = date.atTime(7, 0).atZone(zone).toInstant();
        for (int i = 0; i < tickets; i++) {
            ticket(events, open.plusSeconds(random.nextInt(14 * 3600)));
        }
        return events;
    }

    /** One ticket created at {@code at} (the tests also place some just before the day's midnight). */
    public void ticket(List<EventEnvelope<? extends EventPayload>> out, Instant at) {
        Service sold = random.nextInt(100) < 60 ? ICE : BOOT;
        UUID ticket = uuid();
        String number = sold.prefix() + String.format("%03d", ++numbers);
        add(out, at, ticket, new TicketCreated(ticket, sold.id(), sold.name(), sold.priceCents(), Priority.NORMAL, "Maria S.",
                "kiosk-1", at, zoneInCreated ? zone.getId() : null));
        UUID payment = uuid();
        String txid = "tx" + ticket.toString().replace("-", "").substring(0, 26);
        int fate = random.nextInt(100);
        PaymentMethod method = fate % 10 == 0 ? PaymentMethod.CASH : fate % 10 == 1 ? PaymentMethod.CARD : PaymentMethod.PIX;
        if (method == PaymentMethod.PIX) {
            add(out, at.plusSeconds(2), payment, new PaymentLinkCreated(payment, ticket, txid, sold.priceCents(),
                    at.plusSeconds(602), "sicredi"));
        }
        if (fate < 8) { // never paid
            Instant expired = at.plusSeconds(600);
            if (method == PaymentMethod.PIX) {
                add(out, expired, payment, new PaymentExpired(payment, ticket, txid, expired));
            }
            add(out, expired.plusSeconds(1), ticket, new TicketExpired(ticket, expired.plusSeconds(1)));
            return;
        }
        if (fate < 10) { // cancelled before paying
            add(out, at.plusSeconds(90), ticket, new TicketCancelled(ticket, TicketStatus.PENDING_PAYMENT, "desistiu", "gerente",
                    false, at.plusSeconds(90)));
            return;
        }
        Instant paid = at.plusSeconds(30 + random.nextInt(150));
        add(out, paid, payment, new PaymentConfirmed(payment, ticket, method == PaymentMethod.PIX ? txid : null,
                method == PaymentMethod.PIX ? "E" + txid : null, sold.priceCents(), method, paid));
        add(out, paid.plusSeconds(1), ticket, new TicketPaid(ticket, sold.id(), sold.name(), number, LocalDate.ofInstant(at, zone),
                sold.minutes(), Priority.NORMAL, "Maria S.", "tok" + ticket, payment, sold.priceCents(), paid.plusSeconds(1),
                "kiosk-1", zone.getId()));
        UUID job = uuid();
        if (random.nextInt(100) < 88) {
            add(out, paid.plusSeconds(4), job, new PrintCompleted(job, ticket, printer, paid.plusSeconds(4)));
        } else {
            add(out, paid.plusSeconds(9), job, new PrintFailed(job, ticket, printer, "PAPER_OUT", random.nextInt(4) > 0,
                    paid.plusSeconds(9)));
        }
        Instant t = paid.plusSeconds(1);
        if (fate < 14) { // paid, then cancelled by the manager: refunded (one in three refunds fails at the bank)
            Instant cancelled = t.plusSeconds(120 + random.nextInt(600));
            add(out, cancelled, ticket, new TicketCancelled(ticket, TicketStatus.PAID, "cliente desistiu", "gerente", true,
                    cancelled));
            if (method == PaymentMethod.PIX) {
                RefundStatus status = refunds++ % 3 == 0 ? RefundStatus.NAO_REALIZADO : RefundStatus.DEVOLVIDO;
                add(out, cancelled.plusSeconds(20), payment, new PaymentRefunded(payment, ticket, "D" + txid.substring(2),
                        sold.priceCents(), status, cancelled.plusSeconds(20)));
            }
            return;
        }
        if (fate < 18) { // still waiting at the end of the day
            return;
        }
        Service line = sold;
        if (fate < 26) { // sent to the other line before the call
            line = sold == ICE ? BOOT : ICE;
            t = t.plusSeconds(60 + random.nextInt(300));
            add(out, t, ticket, new TicketTransferred(ticket, number, sold.id(), line.id(), line.name(), line.minutes(),
                    operators.get(0), t));
        }
        int s = line == ICE ? random.nextInt(2) : 2;
        UUID station = stations.get(s);
        UUID operator = operators.get(random.nextInt(2));
        Instant called = t.plusSeconds(60 + random.nextInt(2400));
        UUID session = uuid();
        add(out, called, ticket, new TicketCalled(ticket, number, line.id(), station, stationNames.get(s), operator, session, 0,
                called));
        if (random.nextInt(10) == 0) { // recalled
            called = called.plusSeconds(90);
            add(out, called, ticket, new TicketCalled(ticket, number, line.id(), station, stationNames.get(s), operator, session,
                    1, called));
        }
        if (fate < 32) {
            add(out, called.plusSeconds(300), ticket, new TicketNoShow(ticket, number, station, operator, called.plusSeconds(300)));
            return;
        }
        Instant started = called.plusSeconds(20 + random.nextInt(200));
        add(out, started, ticket, new TicketStarted(ticket, number, station, operator, started));
        if (fate < 35) { // in service at the end of the day
            return;
        }
        long seconds = line.minutes() * 60L - 120 + random.nextInt(300);
        Instant done = started.plusSeconds(seconds);
        add(out, done, ticket, new TicketCompleted(ticket, number, station, operator, seconds, done));
    }

    /**
     * What a dead-letter replay does to a stream: every event, shuffled (any order), with a share of them
     * delivered twice (the same event id).
     */
    public List<EventEnvelope<? extends EventPayload>> replayed(List<EventEnvelope<? extends EventPayload>> events,
                                                               int duplicatePercent) {
        List<EventEnvelope<? extends EventPayload>> out = new ArrayList<>(events);
        for (EventEnvelope<? extends EventPayload> e : events) {
            if (random.nextInt(100) < duplicatePercent) {
                out.add(e);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    private void add(List<EventEnvelope<? extends EventPayload>> out, Instant at, UUID subject, EventPayload payload) {
        var type = br.com.totem.contracts.EventType.of(payload.getClass());
        out.add(new EventEnvelope<>(EventEnvelope.SPEC_VERSION, uuid(), type.wireName(), type.producer(), at, tenant,
                type.dataVersion(), null, subject.toString(), payload));
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    public Duration span() {
        return Duration.ofHours(14);
    }
}
