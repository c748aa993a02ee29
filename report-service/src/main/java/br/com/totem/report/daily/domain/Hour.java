package br.com.totem.report.daily.domain;

/**
 * One local hour of a service's day.
 *
 * @param hour        0–23 in the tenant's zone
 * @param created     tickets created in that hour
 * @param paid        tickets paid in that hour
 * @param meanWait    mean wait (seconds) of the tickets paid in that hour and called since; null when none
 */
public record Hour(int hour, long created, long paid, Double meanWait) {
}
