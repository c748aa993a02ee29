package br.com.totem.report.daily.domain;

import java.util.List;
import java.util.UUID;

/**
 * One service's day (or the day's total, with a null id). Tickets count once, on the day they were
 * created, by the service sold; money counts on the day it moved (confirmed, refunded); times count
 * by the line the ticket was served in.
 *
 * @param noShow      called and never came (not completed afterwards)
 * @param transferred tickets sent to another line at least once
 * @param conversion  paid ÷ created, null without tickets
 * @param waiting      paid → first call
 * @param walk        last call → session start
 * @param session     session start → end
 * @param hours       the 24 local hours of the day
 */
public record ServiceDay(UUID serviceId, String serviceName, long created, long paid, long expired, long cancelled,
                         long noShow, long completed, long transferred, Double conversion, Revenue revenue, Times waiting,
                         Times walk, Times session, List<Hour> hours) {
}
