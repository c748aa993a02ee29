package br.com.totem.ticket.customer.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Customers: CPF and phone only as ciphertexts, found by the CPF's blind index. */
@Repository
public class CustomerStore {

    /** What an anonymised customer is called from then on. */
    public static final String ANONYMISED_NAME = "Cliente anonimizado";
    /** The display name tickets of an anonymised customer keep. */
    public static final String ANONYMISED_DISPLAY_NAME = "Anônimo";

    private final DatabaseClient db;

    CustomerStore(DatabaseClient db) {
        this.db = db;
    }

    public record CustomerRow(UUID id, String tenant, String cpfCipher, String phoneCipher, String name,
                              Instant createdAt, Instant lastTicketAt) {
    }

    public Mono<CustomerRow> findByIndex(String tenant, String cpfIndex) {
        return db.sql("""
                        select id, tenant_id, cpf_cipher, phone_cipher, name, created_at, last_ticket_at from customer
                        where tenant_id = :tenant and cpf_index = :index""")
                .bind("tenant", tenant)
                .bind("index", cpfIndex)
                .map(r -> new CustomerRow(r.get("id", UUID.class), r.get("tenant_id", String.class),
                        r.get("cpf_cipher", String.class), r.get("phone_cipher", String.class), r.get("name", String.class),
                        r.get("created_at", Instant.class), r.get("last_ticket_at", Instant.class)))
                .one();
    }

    /**
     * Removes everything that identifies the person: CPF, phone, index and name, also the display
     * name on their tickets. The tickets themselves (service, price, times, payment) stay for accounting.
     * Emits the ids of the person's tickets, for the services that hold the display name too.
     */
    public Flux<UUID> anonymise(String tenant, UUID customerId) {
        return db.sql("""
                        update customer set cpf_index = null, cpf_cipher = null, phone_cipher = null, name = :name,
                               anonymised_at = now()
                        where tenant_id = :tenant and id = :id""")
                .bind("name", ANONYMISED_NAME)
                .bind("tenant", tenant)
                .bind("id", customerId)
                .then()
                .thenMany(db.sql("""
                                update ticket set display_name = :display, updated_at = now()
                                where tenant_id = :tenant and customer_id = :id returning id""")
                        .bind("display", ANONYMISED_DISPLAY_NAME)
                        .bind("tenant", tenant)
                        .bind("id", customerId)
                        .map(r -> r.get("id", UUID.class))
                        .all());
    }

    public record Inactive(String tenant, UUID id) {
    }

    /** Not-yet-anonymised customers whose last ticket is older than {@code cutoff}, across tenants. */
    public Flux<Inactive> inactiveSince(Instant cutoff, int limit) {
        return db.sql("""
                        select tenant_id, id from customer where anonymised_at is null and last_ticket_at < :cutoff
                        order by last_ticket_at limit :limit""")
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .map(r -> new Inactive(r.get("tenant_id", String.class), r.get("id", UUID.class)))
                .all();
    }

    public record Ciphers(UUID id, String cpfCipher, String phoneCipher) {
    }

    /** Customers of the tenant with a value not written under {@code activeKeyId}. */
    public Flux<Ciphers> encryptedWithOtherKey(String tenant, String activeKeyId, int limit) {
        String prefix = activeKeyId + ":%";
        return db.sql("""
                        select id, cpf_cipher, phone_cipher from customer
                        where tenant_id = :tenant and anonymised_at is null
                          and (cpf_cipher not like :prefix or phone_cipher not like :prefix)
                        order by id limit :limit""")
                .bind("tenant", tenant)
                .bind("prefix", prefix)
                .bind("limit", limit)
                .map(r -> new Ciphers(r.get("id", UUID.class), r.get("cpf_cipher", String.class), r.get("phone_cipher", String.class)))
                .all();
    }

    /** Replaces the ciphers only if nobody changed them since they were read (a kiosk may have, meanwhile). */
    public Mono<Boolean> replaceCiphers(String tenant, Ciphers old, String cpfCipher, String phoneCipher) {
        return db.sql("""
                        update customer set cpf_cipher = :cpf, phone_cipher = :phone
                        where tenant_id = :tenant and id = :id and cpf_cipher = :oldCpf and phone_cipher = :oldPhone""")
                .bind("cpf", cpfCipher)
                .bind("phone", phoneCipher)
                .bind("tenant", tenant)
                .bind("id", old.id())
                .bind("oldCpf", old.cpfCipher())
                .bind("oldPhone", old.phoneCipher())
                .fetch().rowsUpdated()
                .map(n -> n == 1);
    }
}
