package br.com.totem.report.daily.domain;

/**
 * Durations in seconds over a set of tickets: how many were measured, the mean, the median and the
 * 90th percentile (continuous percentiles, as PostgreSQL's {@code percentile_cont}); null when none.
 */
public record Times(long count, Double mean, Double p50, Double p90) {

    public static final Times NONE = new Times(0, null, null, null);
}
