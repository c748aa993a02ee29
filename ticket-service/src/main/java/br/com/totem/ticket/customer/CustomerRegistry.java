package br.com.totem.ticket.customer;

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

    /** What a new ticket stores of its customer: blind index and ciphertexts, computed here and nowhere else. */
    public CustomerValues values(String tenant, Cpf cpf, PhoneNumber phone, PersonName name) {
        return new CustomerValues(index.of(tenant, cpf.digits()), cipher.encrypt(cpf.digits(), tenant, CPF_FIELD),
                cipher.encrypt(phone.e164(), tenant, PHONE_FIELD), name.value());
    }

    public Mono<CustomerStore.CustomerRow> find(String tenant, Cpf cpf) {
        return customers.findByIndex(tenant, index.of(tenant, cpf.digits()));
    }

    public PhoneNumber phoneOf(CustomerStore.CustomerRow row) {
        return PhoneNumber.ofE164(cipher.decrypt(row.phoneCipher(), row.tenant(), PHONE_FIELD));
    }
}
