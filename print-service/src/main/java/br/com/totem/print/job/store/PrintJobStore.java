package br.com.totem.print.job.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.print.job.domain.PrintJob;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class PrintJobStore {

    private static final String COLUMNS = "id, tenant_id, ticket_id, printer_id, sold_by, reprint, requested_by, status, "
            + "attempts, next_attempt_at, sending_at, reason, number, service_name, display_name, status_token, paid_at, "
            + "time_zone, pdf is not null as has_pdf, created_at, finished_at";

    private final DatabaseClient db;

    PrintJobStore(DatabaseClient db) {
        this.db = db;
    }

    /** False when the ticket already has its first copy (a redelivered event). */
    public Mono<Boolean> insert(PrintJob j, byte[] pdf) {
        var spec = db.sql("""
                insert into print_job (id, tenant_id, ticket_id, printer_id, sold_by, reprint, requested_by, status, reason,
                                       number, service_name, display_name, status_token, paid_at, time_zone, pdf,
                                       finished_at)
                values (:id, :tenant, :ticket, :printer, :soldBy, :reprint, :requestedBy, :status, :reason, :number,
                        :service, :name, :token, :paidAt, :zone, :pdf, :finishedAt)
                on conflict do nothing""")
                .bind("id", j.id()).bind("tenant", j.tenant()).bind("ticket", j.ticketId())
                .bind("reprint", j.reprint()).bind("status", j.status().name()).bind("number", j.number())
                .bind("service", j.serviceName()).bind("name", j.displayName()).bind("token", j.statusToken())
                .bind("paidAt", j.paidAt()).bind("zone", j.timeZone());
        spec = Binds.nullable(spec, "printer", j.printerId(), UUID.class);
        spec = Binds.nullable(spec, "soldBy", j.soldBy(), String.class);
        spec = Binds.nullable(spec, "requestedBy", j.requestedBy(), String.class);
        spec = Binds.nullable(spec, "reason", j.reason(), String.class);
        spec = Binds.nullable(spec, "pdf", pdf, byte[].class);
        spec = Binds.nullable(spec, "finishedAt", j.finishedAt(), Instant.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Flux<PrintJob> forTicket(String tenant, UUID ticketId) {
        return db.sql("select " + COLUMNS + " from print_job where tenant_id = :tenant and ticket_id = :ticket order by created_at, id")
                .bind("tenant", tenant).bind("ticket", ticketId).map(PrintJobStore::read).all();
    }

    /** Every job (first copies and reprints) of these tickets. */
    public Flux<PrintJob> forTickets(String tenant, java.util.Collection<UUID> ticketIds) {
        return db.sql("select " + COLUMNS + " from print_job where tenant_id = :tenant and ticket_id = any(:tickets) order by created_at, id")
                .bind("tenant", tenant).bind("tickets", ticketIds.toArray(UUID[]::new)).map(PrintJobStore::read).all();
    }

    /**
     * The name a job prints, and its stored PDF (if it has one) replaced by one rendered with it.
     * A job being printed right now keeps the bytes already sent.
     */
    public Mono<Void> rename(UUID id, String displayName, byte[] pdf) {
        var spec = db.sql("update print_job set display_name = :name, pdf = case when pdf is null then null else cast(:pdf as bytea) end where id = :id")
                .bind("id", id).bind("name", displayName);
        return Binds.nullable(spec, "pdf", pdf, byte[].class).then();
    }

    public Mono<PrintJob> find(String tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from print_job where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).map(PrintJobStore::read).one();
    }

    public Mono<byte[]> pdf(String tenant, UUID id) {
        return db.sql("select pdf from print_job where tenant_id = :tenant and id = :id and pdf is not null")
                .bind("tenant", tenant).bind("id", id).map(r -> r.get("pdf", byte[].class)).one();
    }

    /** Each printer's oldest open job: a printer's jobs go one at a time, in the order they were created. */
    public Flux<PrintJob> headsPerPrinter() {
        return db.sql("select distinct on (printer_id) " + COLUMNS + " from print_job "
                        + "where status in ('QUEUED', 'PRINTING') and printer_id is not null order by printer_id, created_at, id")
                .map(PrintJobStore::read).all();
    }

    /** QUEUED → PRINTING, counting the attempt; empty when the job was not QUEUED. */
    public Mono<Integer> startAttempt(UUID id) {
        return db.sql("update print_job set status = 'PRINTING', attempts = attempts + 1, sending_at = null "
                        + "where id = :id and status = 'QUEUED' returning attempts")
                .bind("id", id).map(r -> r.get("attempts", Integer.class)).one();
    }

    public Mono<Void> markSending(UUID id) {
        return db.sql("update print_job set sending_at = now() where id = :id").bind("id", id).then();
    }

    /** An open job → PRINTED; false when it had already finished (a late or repeated confirmation). */
    public Mono<Boolean> markPrinted(UUID id) {
        return db.sql("update print_job set status = 'PRINTED', reason = null, finished_at = now() "
                        + "where id = :id and status in ('QUEUED', 'PRINTING')")
                .bind("id", id).fetch().rowsUpdated().map(n -> n == 1);
    }

    /** An open job → FAILED with its PDF; false when it had already finished. */
    public Mono<Boolean> markFailed(UUID id, String reason, byte[] pdf) {
        return db.sql("update print_job set status = 'FAILED', reason = :reason, pdf = :pdf, finished_at = now() "
                        + "where id = :id and status in ('QUEUED', 'PRINTING')")
                .bind("id", id).bind("reason", reason).bind("pdf", pdf).fetch().rowsUpdated().map(n -> n == 1);
    }

    /** One printer's oldest open job (what a polling printer is offered). */
    public Mono<PrintJob> headOf(UUID printerId) {
        return db.sql("select " + COLUMNS + " from print_job where printer_id = :printer "
                        + "and status in ('QUEUED', 'PRINTING') order by created_at, id limit 1")
                .bind("printer", printerId).map(PrintJobStore::read).one();
    }

    /** A job of this printer, whatever its status. */
    public Mono<PrintJob> ofPrinter(UUID printerId, UUID id) {
        return db.sql("select " + COLUMNS + " from print_job where printer_id = :printer and id = :id")
                .bind("printer", printerId).bind("id", id).map(PrintJobStore::read).one();
    }

    /** Back to QUEUED for another attempt at {@code at}. */
    public Mono<Void> retryAt(UUID id, Instant at, String reason) {
        var spec = db.sql("update print_job set status = 'QUEUED', next_attempt_at = :at, reason = :reason, sending_at = null "
                        + "where id = :id")
                .bind("id", id).bind("at", at);
        return Binds.nullable(spec, "reason", reason, String.class).then();
    }

    private static PrintJob read(Readable r) {
        return new PrintJob(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("ticket_id", UUID.class),
                r.get("printer_id", UUID.class), r.get("sold_by", String.class), Boolean.TRUE.equals(r.get("reprint", Boolean.class)),
                r.get("requested_by", String.class), PrintJob.Status.valueOf(r.get("status", String.class)),
                r.get("attempts", Integer.class), r.get("next_attempt_at", Instant.class), r.get("sending_at", Instant.class),
                r.get("reason", String.class), r.get("number", String.class), r.get("service_name", String.class),
                r.get("display_name", String.class), r.get("status_token", String.class), r.get("paid_at", Instant.class),
                r.get("time_zone", String.class), Boolean.TRUE.equals(r.get("has_pdf", Boolean.class)),
                r.get("created_at", Instant.class), r.get("finished_at", Instant.class));
    }
}
