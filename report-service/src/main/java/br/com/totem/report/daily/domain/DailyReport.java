package br.com.totem.report.daily.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A tenant's business day as the read model knows it.
 *
 * @param zone           the tenant's time zone, which decides the day's bounds and hours
 * @param total          the whole day (no service id)
 * @param refundsFailed  refunds that ended NAO_REALIZADO on the day (money not returned)
 */
public record DailyReport(String tenant, String studioName, LocalDate date, String zone, ServiceDay total,
                          List<ServiceDay> services, List<MethodRevenue> methods, List<StaffTimes> stations,
                          List<StaffTimes> operators, PrintDay print, long refundsFailed) {
}
