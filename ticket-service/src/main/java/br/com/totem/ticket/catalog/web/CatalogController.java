package br.com.totem.ticket.catalog.web;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.ServiceChanged;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Callers;
import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.ticket.catalog.store.CatalogStore;
import br.com.totem.ticket.web.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/services")
@Tag(name = "Catalog", description = "The services a tenant sells at the kiosk")
class CatalogController {

    private final CatalogStore catalog;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final java.time.Clock clock;

    CatalogController(CatalogStore catalog, AuditLog audit, TransactionalOperator tx, Outbox outbox, java.time.Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('KIOSK','PANEL','ADMIN','MANAGER','OPERATOR')")
    @Operation(summary = "The catalog: a kiosk (or the TV panel, for the colours) gets the active services in display order, "
            + "staff get all of them")
    Flux<ServiceView> list() {
        return Callers.current().flatMapMany(c -> catalog.list(c.tenant(), !c.isStaff())).map(ServiceView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','MANAGER','OPERATOR')")
    @Operation(summary = "One service of the caller's tenant")
    @ApiResponse(responseCode = "404", description = "no such service in this tenant")
    Mono<ServiceView> get(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> catalog.find(c.tenant(), id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Service")))
                .map(ServiceView::of);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Add a service")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "400", description = "a field is invalid (errors[].field names it)")
    @ApiResponse(responseCode = "409", description = "the prefix is taken in this tenant")
    Mono<ResponseEntity<ServiceView>> create(@Valid @RequestBody ServiceRequest request) {
        return Callers.current().flatMap(c -> {
            ServiceOffering s = offering(UUID.randomUUID(), c.tenant(), request);
            return tx.transactional(catalog.insert(s).then(record(c, "catalog.create", s)).then(changed(s)))
                    .onErrorMap(DuplicateKeyException.class, e -> prefixInUse())
                    .thenReturn(ResponseEntity.created(URI.create("/api/v1/services/" + s.id())).body(ServiceView.of(s)));
        });
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Replace a service's fields")
    @ApiResponse(responseCode = "404", description = "no such service in this tenant")
    @ApiResponse(responseCode = "409", description = "the prefix is taken in this tenant")
    Mono<ServiceView> update(@PathVariable UUID id, @Valid @RequestBody ServiceRequest request) {
        return Callers.current().flatMap(c -> {
            ServiceOffering s = offering(id, c.tenant(), request);
            return tx.transactional(catalog.update(s).flatMap(updated -> record(c, "catalog.update", updated)
                            .then(changed(updated)).thenReturn(updated)))
                    .onErrorMap(DuplicateKeyException.class, e -> prefixInUse())
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Service")))
                    .map(ServiceView::of);
        });
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Deactivate a service: kiosks stop offering it; its tickets and prefix stay")
    @ApiResponse(responseCode = "204", description = "deactivated")
    @ApiResponse(responseCode = "404", description = "no such service in this tenant")
    Mono<Void> deactivate(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> tx.transactional(catalog.deactivate(c.tenant(), id)
                .flatMap(found -> found
                        ? audit.record(c, "catalog.deactivate", "service", id.toString(), Map.of())
                                .then(catalog.find(c.tenant(), id)).flatMap(this::changed)
                        : Mono.error(ProblemException.notFound("Service")))));
    }

    /** {@code catalog.service_changed} in the same transaction: queue-service learns every line from it. */
    private Mono<Void> changed(ServiceOffering s) {
        return outbox.append(EventEnvelope.of(s.tenant(), s.id().toString(), new ServiceChanged(s.id(), s.name(),
                s.prefix(), s.color(), s.durationMinutes(), s.active(), clock.instant())));
    }

    private Mono<Void> record(Caller c, String action, ServiceOffering s) {
        return audit.record(c, action, "service", s.id().toString(), Map.of("name", s.name(), "prefix", s.prefix(),
                "priceCents", s.priceCents(), "durationMinutes", s.durationMinutes(), "active", s.active()));
    }

    private static ServiceOffering offering(UUID id, String tenant, ServiceRequest r) {
        String description = r.description() == null || r.description().isBlank() ? null : r.description().strip();
        return new ServiceOffering(id, tenant, r.name().strip(), description, r.priceCents(), r.durationMinutes(),
                r.prefix(), r.color().toUpperCase(java.util.Locale.ROOT), r.active() == null || r.active(),
                r.displayOrder() == null ? 0 : r.displayOrder());
    }

    private static ProblemException prefixInUse() {
        return new ProblemException(HttpStatus.CONFLICT, ApiProblems.PREFIX_IN_USE, "Prefix in use",
                "Este prefixo já é usado por outro serviço.",
                Map.of("errors", java.util.List.of(Map.of("field", "prefix",
                        "message", "Este prefixo já é usado por outro serviço."))));
    }
}
