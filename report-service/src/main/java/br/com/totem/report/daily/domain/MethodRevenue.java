package br.com.totem.report.daily.domain;

/** Revenue of one payment method ({@code PIX}, {@code CASH}, {@code CARD}; {@code UNKNOWN} for a refund whose payment is unknown). */
public record MethodRevenue(String method, Revenue revenue) {
}
