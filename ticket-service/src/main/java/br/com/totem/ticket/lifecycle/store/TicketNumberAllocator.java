package br.com.totem.ticket.lifecycle.store;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The next number of a tenant's service on a business day: 1, 2, 3… with no gap and no repeat.
 *
 * <p>Must run in the transaction that marks the ticket paid. The upsert locks the day's counter
 * row until that transaction ends, so concurrent payments take numbers one at a time, and a
 * transaction that rolls back takes its increment with it: a number is never lost or given twice.
 */
@Component
public class TicketNumberAllocator {

    private final DatabaseClient db;

    TicketNumberAllocator(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Integer> next(String tenant, UUID serviceId, LocalDate businessDate) {
        return db.sql("""
                        insert into daily_counter (tenant_id, service_id, business_date, last_value)
                        values (:tenant, :service, :day, 1)
                        on conflict (tenant_id, service_id, business_date)
                        do update set last_value = daily_counter.last_value + 1
                        returning last_value""")
                .bind("tenant", tenant)
                .bind("service", serviceId)
                .bind("day", businessDate)
                .map(r -> r.get("last_value", Integer.class))
                .one();
    }
}
