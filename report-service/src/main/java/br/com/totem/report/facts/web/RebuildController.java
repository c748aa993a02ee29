package br.com.totem.report.facts.web;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.security.Callers;
import br.com.totem.report.facts.Rebuild;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The rebuild command: the caller's tenant's read model replayed from the event log. */
@RestController
@Tag(name = "Read model", description = "Rebuild a tenant's figures from the events it received")
class RebuildController {

    private final Rebuild rebuild;
    private final AuditLog audit;

    RebuildController(Rebuild rebuild, AuditLog audit) {
        this.rebuild = rebuild;
        this.audit = audit;
    }

    @PostMapping("/api/v1/reports/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete the tenant's read model and fold its logged events again; audited")
    Mono<Map<String, Object>> rebuild() {
        return Callers.current().flatMap(c -> rebuild.tenant(c.tenant())
                .flatMap(n -> audit.record(c, "REPORT_REBUILD", "tenant", c.tenant(), Map.of("events", n))
                        .thenReturn(Map.<String, Object>of("tenant", c.tenant(), "events", n))));
    }
}
