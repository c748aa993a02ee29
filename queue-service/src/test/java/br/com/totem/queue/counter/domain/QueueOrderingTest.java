package br.com.totem.queue.counter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class QueueOrderingTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final UUID ICE = UUID.randomUUID();
    static final UUID BOOT = UUID.randomUUID();

    static Waiting w(String name, UUID service, boolean preferential, int minute) {
        return new Waiting(UUID.nameUUIDFromBytes(name.getBytes()), service, preferential, T0.plusSeconds(60L * minute));
    }

    static List<UUID> ids(Waiting... ws) {
        return List.of(ws).stream().map(Waiting::ticketId).toList();
    }

    @Test
    void whenOnlyNormalTicketsWaitThenFirstPaidIsFirstCalled() {
        Waiting a = w("a", ICE, false, 1), b = w("b", ICE, false, 2), c = w("c", ICE, false, 3);
        assertThat(QueueOrdering.project(List.of(c, a, b), 0, 2).stream().map(Waiting::ticketId)).containsExactlyElementsOf(ids(a, b, c));
    }

    @Test
    void whenManyPreferentialWaitThenNoMoreThanTheRunGoBeforeANormal() {
        Waiting n1 = w("n1", ICE, false, 1), n2 = w("n2", ICE, false, 2);
        Waiting p1 = w("p1", ICE, true, 3), p2 = w("p2", ICE, true, 4), p3 = w("p3", ICE, true, 5), p4 = w("p4", ICE, true, 6);
        List<Waiting> all = List.of(n1, n2, p1, p2, p3, p4);
        assertThat(QueueOrdering.project(all, 0, 2).stream().map(Waiting::ticketId))
                .containsExactlyElementsOf(ids(p1, p2, n1, p3, p4, n2));
        // the run already spent: a normal ticket goes first
        assertThat(QueueOrdering.project(all, 2, 2).stream().map(Waiting::ticketId))
                .containsExactlyElementsOf(ids(n1, p1, p2, n2, p3, p4));
        assertThat(QueueOrdering.project(all, 0, 1).stream().map(Waiting::ticketId))
                .containsExactlyElementsOf(ids(p1, n1, p2, n2, p3, p4));
    }

    @Test
    void whenNoNormalTicketWaitsThenPreferentialOnesAreCalledBeyondTheRun() {
        Waiting p1 = w("p1", ICE, true, 1), p2 = w("p2", ICE, true, 2), p3 = w("p3", ICE, true, 3);
        assertThat(QueueOrdering.next(List.of(p3, p2), 5, 2)).contains(p2);
        assertThat(QueueOrdering.project(List.of(p1, p2, p3), 0, 2)).hasSize(3);
        assertThat(QueueOrdering.runAfter(p1, 4)).isEqualTo(5);
        assertThat(QueueOrdering.runAfter(w("n", ICE, false, 9), 4)).isZero();
    }

    @Test
    void whenASessionServesTwoServicesThenAPreferentialProposalWinsThenTheEarliestPaid() {
        Waiting iceNormal = w("i", ICE, false, 1);
        Waiting bootPref = w("b", BOOT, true, 5);
        assertThat(QueueOrdering.nextAcross(Map.of(ICE, List.of(iceNormal), BOOT, List.of(bootPref)), Map.of(), 2)).contains(bootPref);
        // BOOT's run is spent, and it has no normal ticket: its preferential still competes, but as a normal one would
        Waiting bootNormal = w("bn", BOOT, false, 3);
        assertThat(QueueOrdering.nextAcross(Map.of(ICE, List.of(iceNormal), BOOT, List.of(bootPref, bootNormal)),
                Map.of(BOOT, 2), 2)).contains(iceNormal);
        assertThat(QueueOrdering.nextAcross(Map.of(), Map.of(), 2)).isEmpty();
    }

    @Test
    void whenThereAreThousandsOfTicketsThenEveryOneIsPlacedOnce() {
        List<Waiting> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(w("t" + i, ICE, i % 3 == 0, i));
        }
        assertThat(QueueOrdering.project(many, 0, 2)).hasSize(2000).doesNotHaveDuplicates();
    }

    @Test
    void whenEstimatingThenPositionTimesMeanOverOpenStations() {
        assertThat(WaitEstimate.of(3, Duration.ofMinutes(15), 1)).isEqualTo(Duration.ofMinutes(45));
        assertThat(WaitEstimate.minutes(WaitEstimate.of(1, Duration.ofMinutes(15), 2))).isEqualTo(8);
        assertThat(WaitEstimate.of(2, Duration.ofMinutes(10), 0)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void whenActionsAreCheckedThenOnlyTheirStatesAllowThem() {
        assertThat(CounterAction.NO_SHOW.allowedFrom(EntryStatus.CALLED)).isTrue();
        assertThat(CounterAction.NO_SHOW.allowedFrom(EntryStatus.IN_SERVICE)).isFalse();
        assertThat(CounterAction.FINISH.allowedFrom(EntryStatus.CALLED)).isFalse();
        assertThat(CounterAction.TRANSFER.allowedFrom(EntryStatus.WAITING)).isTrue();
        assertThat(CounterAction.fromPath("no-show")).isEqualTo(CounterAction.NO_SHOW);
    }
}
