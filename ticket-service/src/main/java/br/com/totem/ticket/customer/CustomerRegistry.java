package br.com.totem.ticket.customer;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import br.com.totem.ticket.customer.crypto.BlindIndex;
import br.com.totem.ticket.customer.crypto.PiiCipher;
import br.com.totem.ticket.customer.domain.Cpf;
import br.com.totem.ticket.customer.domain.PersonName;
import br.com.totem.ticket.customer.domain.PhoneNumber;
import br.com.totem.ticket.customer.store.CustomerStore;
import reactor.core.publisher.Mono;

/** Where CPF and phone turn into ciphertexts and a blind index before anything is stored. */
@Component
public class CustomerRegistry {

    static final String CPF_FIELD = "cpf";
    static final String PHONE_FIELD = "phone";

    private final CustomerStore customers;
    private final PiiCipher cipher;
    private final BlindIndex index;

    CustomerRegistry(CustomerStore customers, PiiCipher cipher, BlindIndex index) {
        this.customers = customers;
        this.cipher = cipher;
        this.index = index;
    }

    /** The customer's id, creating the customer or refreshing name and phone. Call inside the ticket's transaction. */
    public Mono<UUID> register(String tenant, PersonName name, Cpf cpf, PhoneNumber phone, Instant at) {
        return customers.upsert(tenant, index.of(tenant, cpf.digits()), cipher.encrypt(cpf.digits(), tenant, CPF_FIELD),
                cipher.encrypt(phone.e164(), tenant, PHONE_FIELD), name.value(), at);
    }

    public Mono<CustomerStore.CustomerRow> find(String tenant, Cpf cpf) {
        return customers.findByIndex(tenant, index.of(tenant, cpf.digits()));
    }

    public PhoneNumber phoneOf(CustomerStore.CustomerRow row) {
        return PhoneNumber.ofE164(cipher.decrypt(row.phoneCipher(), row.tenant(), PHONE_FIELD));
    }
}
