package br.com.totem.report.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.PrintCompleted;
import br.com.totem.contracts.PrintFailed;
import br.com.totem.contracts.RefundStatus;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketTransferred;

/**
 * The day's figures computed in plain Java straight from the events, independently of the service's
 * SQL, by the rules report-service/README.md states: a ticket counts on the day it was created (in the
 * tenant's zone) under the service sold, money on the day it moved, times under the line it was last
 * called in; percentiles interpolate like PostgreSQL's percentile_cont.
 */
public final class ExpectedDay {

    /** Figures of one service (or of the whole day). */
    public static final class Figures {
        public long created, paid, expired, cancelled, noShow, completed, transferred;
        public long grossCents, refundedCents;
        public final List<Double> waits = new ArrayList<>();
        public final List<Double> walks = new ArrayList<>();
        public final List<Double> sessions = new ArrayList<>();
        public final long[] paidByHour = new long[24];
    }

    private static final class Ticket {
        UUID service;
        Instant created, paid, firstCall, lastCall, started, completed, noShow, cancelled, expired;
        UUID line, station, operator;
        Long seconds;
        boolean transferred;
    }

    public final Figures total = new Figures();
    public final Map<String, Figures> byService = new TreeMap<>();
    public final Map<String, long[]> byMethod = new TreeMap<>(); // method -> {gross, refunded}
    public final Map<UUID, Figures> byStation = new HashMap<>();
    public long printed, printFailed, pdfFallback, refundsFailed;

    public ExpectedDay(Collection<EventEnvelope<? extends EventPayload>> events, String tenant, LocalDate date, ZoneId zone) {
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        Map<UUID, Ticket> tickets = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        Map<UUID, PaymentConfirmed> payments = new HashMap<>();
        List<PaymentRefunded> refunds = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (EventEnvelope<? extends EventPayload> e : events) {
            if (!e.tenantid().equals(tenant) || !seen.add(e.id())) {
                continue;
            }
            switch (e.data()) {
                case TicketCreated c -> {
                    Ticket t = tickets.computeIfAbsent(c.ticketId(), k -> new Ticket());
                    t.service = c.serviceId();
                    t.created = c.createdAt();
                    names.put(c.serviceId(), c.serviceName());
                }
                case TicketPaid p -> {
                    Ticket t = tickets.computeIfAbsent(p.ticketId(), k -> new Ticket());
                    t.service = p.serviceId();
                    t.paid = p.paidAt();
                    names.put(p.serviceId(), p.serviceName());
                }
                case TicketCalled c -> {
                    Ticket t = tickets.computeIfAbsent(c.ticketId(), k -> new Ticket());
                    t.firstCall = t.firstCall == null || c.calledAt().isBefore(t.firstCall) ? c.calledAt() : t.firstCall;
                    if (t.lastCall == null || !c.calledAt().isBefore(t.lastCall)) {
                        t.lastCall = c.calledAt();
                        t.line = c.serviceId();
                        t.station = c.stationId();
                        t.operator = c.operatorId();
                    }
                }
                case TicketStarted s -> tickets.computeIfAbsent(s.ticketId(), k -> new Ticket()).started = s.startedAt();
                case TicketCompleted c -> {
                    Ticket t = tickets.computeIfAbsent(c.ticketId(), k -> new Ticket());
                    t.completed = c.completedAt();
                    t.seconds = c.serviceSeconds();
                }
                case TicketNoShow n -> tickets.computeIfAbsent(n.ticketId(), k -> new Ticket()).noShow = n.markedAt();
                case TicketCancelled c -> tickets.computeIfAbsent(c.ticketId(), k -> new Ticket()).cancelled = c.cancelledAt();
                case TicketExpired x -> tickets.computeIfAbsent(x.ticketId(), k -> new Ticket()).expired = x.expiredAt();
                case TicketTransferred x -> {
                    tickets.computeIfAbsent(x.ticketId(), k -> new Ticket()).transferred = true;
                    names.put(x.toServiceId(), x.toServiceName());
                }
                case PaymentConfirmed p -> payments.put(p.paymentId(), p);
                case PaymentRefunded r -> refunds.add(r);
                case PrintCompleted p -> {
                    if (in(p.completedAt(), start, end)) {
                        printed++;
                    }
                }
                case PrintFailed f -> {
                    if (in(f.failedAt(), start, end)) {
                        printFailed++;
                        pdfFallback += f.pdfFallbackAvailable() ? 1 : 0;
                    }
                }
                default -> { }
            }
        }
        for (Ticket t : tickets.values()) {
            Instant day = t.created != null ? t.created : t.paid;
            if (day == null || !in(day, start, end)) {
                continue;
            }
            Figures s = byService.computeIfAbsent(names.get(t.service), k -> new Figures());
            for (Figures f : List.of(total, s)) {
                f.created++;
                f.paid += t.paid != null ? 1 : 0;
                f.expired += t.expired != null ? 1 : 0;
                f.cancelled += t.cancelled != null ? 1 : 0;
                f.noShow += t.noShow != null && t.completed == null ? 1 : 0;
                f.completed += t.completed != null ? 1 : 0;
                f.transferred += t.transferred ? 1 : 0;
                if (t.paid != null) {
                    f.paidByHour[t.paid.atZone(zone).getHour()]++;
                }
            }
            Figures line = byService.computeIfAbsent(names.get(t.line != null ? t.line : t.service), k -> new Figures());
            List<Figures> timed = new ArrayList<>(List.of(total, line));
            if (t.station != null) {
                timed.add(byStation.computeIfAbsent(t.station, k -> new Figures()));
            }
            for (Figures f : timed) {
                if (t.firstCall != null && t.paid != null && !t.firstCall.isBefore(t.paid)) {
                    f.waits.add(seconds(t.paid, t.firstCall));
                }
                if (t.started != null && t.lastCall != null && !t.started.isBefore(t.lastCall)) {
                    f.walks.add(seconds(t.lastCall, t.started));
                }
                if (t.seconds != null) {
                    f.sessions.add(t.seconds.doubleValue());
                }
            }
        }
        for (PaymentConfirmed p : payments.values()) {
            if (in(p.confirmedAt(), start, end)) {
                total.grossCents += p.amountCents();
                Ticket t = tickets.get(p.ticketId());
                if (t != null && t.service != null) {
                    byService.computeIfAbsent(names.get(t.service), k -> new Figures()).grossCents += p.amountCents();
                }
                byMethod.computeIfAbsent(p.method().name(), k -> new long[2])[0] += p.amountCents();
            }
        }
        Set<String> refundIds = new HashSet<>();
        for (PaymentRefunded r : refunds) {
            if (!in(r.refundedAt(), start, end) || !refundIds.add(r.refundId())) {
                continue;
            }
            if (r.status() != RefundStatus.DEVOLVIDO) {
                refundsFailed++;
                continue;
            }
            total.refundedCents += r.amountCents();
            Ticket t = tickets.get(r.ticketId());
            if (t != null && t.service != null) {
                byService.computeIfAbsent(names.get(t.service), k -> new Figures()).refundedCents += r.amountCents();
            }
            PaymentConfirmed p = payments.get(r.paymentId());
            byMethod.computeIfAbsent(p == null ? "UNKNOWN" : p.method().name(), k -> new long[2])[1] += r.amountCents();
        }
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks; null for no values. */
    public static Double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        double pos = p * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    public static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static boolean in(Instant t, Instant start, Instant end) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
