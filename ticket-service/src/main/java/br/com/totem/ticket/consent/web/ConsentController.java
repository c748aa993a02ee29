package br.com.totem.ticket.consent.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Callers;
import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.consent.store.ConsentStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/consents")
@Tag(name = "Consent", description = "The LGPD consent text a customer accepts at the kiosk")
class ConsentController {

    private final ConsentStore consents;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ConsentController(ConsentStore consents, AuditLog audit, TransactionalOperator tx) {
        this.consents = consents;
        this.audit = audit;
        this.tx = tx;
    }

    record ConsentView(int version, String text, String sha256) {
        static ConsentView of(ConsentText t) {
            return new ConsentView(t.version(), t.body(), t.sha256());
        }
    }

    record NewConsentRequest(@NotBlank(message = "Informe o texto do termo.")
                             @Size(max = 20_000, message = "O texto deve ter no máximo 20.000 caracteres.") String text) {
    }

    @GetMapping("/current")
    @PreAuthorize("hasAnyRole('KIOSK','ADMIN','MANAGER','OPERATOR')")
    @Operation(summary = "The consent text the kiosk shows and its version; a ticket must accept this version")
    @ApiResponse(responseCode = "404", description = "the tenant has published no consent text yet")
    Mono<ConsentView> current() {
        return Callers.current().flatMap(c -> consents.current(c.tenant()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Consent text")))
                .map(ConsentView::of);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Publish a new version of the consent text; kiosks show it from now on")
    @ApiResponse(responseCode = "201", description = "published")
    Mono<ResponseEntity<ConsentView>> publish(@Valid @RequestBody NewConsentRequest request) {
        return Callers.current().flatMap(c -> tx.transactional(consents.publish(c.tenant(), request.text().strip())
                        .flatMap(t -> audit.record(c, "consent.publish", "consent", Integer.toString(t.version()),
                                Map.of("sha256", t.sha256())).thenReturn(t))))
                .map(t -> ResponseEntity.created(URI.create("/api/v1/consents/current")).body(ConsentView.of(t)));
    }
}
