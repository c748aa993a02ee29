package br.com.totem.ticket.lifecycle;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.ticket.catalog.store.CatalogStore;
import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.consent.store.ConsentStore;
import reactor.core.publisher.Mono;

/**
 * The catalog entries and current consent texts tickets are sold against, remembered per tenant so
 * a ticket costs no read (ADR 0007). Never trusted blindly: {@code TicketCreationStore} writes
 * only when the database still holds the same service and the same newest consent version, and a
 * mismatch makes {@link TicketCreation} ask again with {@code reload}. So an edit made by another
 * instance, or straight in the database, costs one extra round trip and is never missed.
 *
 * <p>Only what exists is kept (an unknown service id is not), so the maps hold at most the
 * catalog's services and one consent text per tenant.
 */
@Component
class SaleTerms {

    private record ServiceKey(String tenant, UUID id) {
    }

    private final CatalogStore catalog;
    private final ConsentStore consents;
    private final ConcurrentMap<ServiceKey, ServiceOffering> services = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConsentText> currentConsents = new ConcurrentHashMap<>();

    SaleTerms(CatalogStore catalog, ConsentStore consents) {
        this.catalog = catalog;
        this.consents = consents;
    }

    /** The service as last seen, or as the database has it now when {@code reload}; empty if none. */
    Mono<ServiceOffering> service(String tenant, UUID id, boolean reload) {
        ServiceKey key = new ServiceKey(tenant, id);
        ServiceOffering known = reload ? null : services.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        return catalog.find(tenant, id)
                .doOnNext(s -> services.put(key, s))
                .switchIfEmpty(Mono.fromRunnable(() -> services.remove(key)));
    }

    /** The tenant's newest consent text as last seen, or as the database has it now when {@code reload}. */
    Mono<ConsentText> consent(String tenant, boolean reload) {
        ConsentText known = reload ? null : currentConsents.get(tenant);
        if (known != null) {
            return Mono.just(known);
        }
        return consents.current(tenant)
                .doOnNext(c -> currentConsents.put(tenant, c))
                .switchIfEmpty(Mono.fromRunnable(() -> currentConsents.remove(tenant)));
    }
}
