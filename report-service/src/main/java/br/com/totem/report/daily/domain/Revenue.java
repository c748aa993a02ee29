package br.com.totem.report.daily.domain;

/** Money in centavos: confirmed payments (gross), refunds that were paid back (refunded), and the difference (net). */
public record Revenue(long grossCents, long refundedCents, long netCents) {

    public static final Revenue NONE = of(0, 0);

    public static Revenue of(long grossCents, long refundedCents) {
        return new Revenue(grossCents, refundedCents, grossCents - refundedCents);
    }

    public Revenue plus(Revenue other) {
        return of(grossCents + other.grossCents, refundedCents + other.refundedCents);
    }
}
