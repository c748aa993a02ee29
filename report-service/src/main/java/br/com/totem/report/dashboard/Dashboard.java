package br.com.totem.report.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Today so far for a tenant.
 *
 * @param queueLength    tickets paid and waiting for a call now (any line)
 * @param waitP90Seconds 90th percentile of paid → first call today; null before the first call
 * @param noShowRate     no-shows ÷ (completed + no-shows) today; null before either
 * @param asOf           when the numbers were read from the database
 */
public record Dashboard(String tenant, LocalDate date, String zone, long created, long paid, long completed, long noShow,
                        long cancelled, long expired, long grossCents, long refundedCents, long netCents,
                        long queueLength, List<Line> queue, Double waitP90Seconds, Double noShowRate, Instant asOf) {

    /** One line of the queue now. */
    public record Line(UUID serviceId, String serviceName, long waiting) {
    }
}
