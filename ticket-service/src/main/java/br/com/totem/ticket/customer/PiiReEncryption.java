package br.com.totem.ticket.customer;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.customer.crypto.PiiCipher;
import br.com.totem.ticket.customer.store.CustomerStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Key rotation: after a new key is made active (the old one still configured to read), this
 * re-encrypts every CPF and phone of the tenant under the active key, batch by batch; then the
 * old key can be removed from {@code TOTEM_PII_KEYS}. The blind index does not change.
 */
@Service
public class PiiReEncryption {

    private static final Logger log = LoggerFactory.getLogger(PiiReEncryption.class);
    private static final int BATCH = 200;

    private final CustomerStore customers;
    private final PiiCipher cipher;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    PiiReEncryption(CustomerStore customers, PiiCipher cipher, AuditLog audit, TransactionalOperator tx) {
        this.customers = customers;
        this.cipher = cipher;
        this.audit = audit;
        this.tx = tx;
    }

    public record Result(long reEncrypted, String activeKeyId) {
    }

    public Mono<Result> reEncryptAll(Caller admin) {
        String tenant = admin.tenant();
        Mono<Long> batch = customers.encryptedWithOtherKey(tenant, cipher.activeKeyId(), BATCH)
                // thousands of AES operations per batch: keep them off the event loop
                .publishOn(Schedulers.boundedElastic())
                .concatMap(old -> customers.replaceCiphers(tenant, old,
                        cipher.needsReEncryption(old.cpfCipher()) ? cipher.reEncrypt(old.cpfCipher(), tenant, CustomerRegistry.CPF_FIELD) : old.cpfCipher(),
                        cipher.needsReEncryption(old.phoneCipher()) ? cipher.reEncrypt(old.phoneCipher(), tenant, CustomerRegistry.PHONE_FIELD) : old.phoneCipher()))
                .filter(Boolean::booleanValue)
                .count();
        // a batch that changed nothing means the rest was rewritten concurrently: stop there
        return tx.transactional(batch).expand(n -> n > 0 ? tx.transactional(batch) : Mono.empty())
                .reduce(0L, Long::sum)
                .flatMap(n -> tx.transactional(audit.record(admin, "customer.pii.re-encrypt", "tenant", tenant,
                                Map.of("reEncrypted", n, "activeKeyId", cipher.activeKeyId())))
                        .doOnSuccess(v -> log.info("re-encrypted {} customer(s) of tenant {} under key {}", n, tenant,
                                cipher.activeKeyId()))
                        .thenReturn(new Result(n, cipher.activeKeyId())));
    }
}
