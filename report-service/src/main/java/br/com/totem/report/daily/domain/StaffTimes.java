package br.com.totem.report.daily.domain;

import java.util.UUID;

/** Times of the tickets a station (or an operator) last called, on the day. */
public record StaffTimes(UUID id, String name, long tickets, Times waiting, Times walk, Times session) {
}
