package br.com.totem.report.dashboard.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.security.Callers;
import br.com.totem.report.dashboard.Dashboard;
import br.com.totem.report.dashboard.Dashboards;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Today so far, for the manager's screen. */
@RestController
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Tag(name = "Dashboard", description = "Today so far: tickets, revenue, queue now, waiting p90, no-show rate")
class DashboardController {

    private final Dashboards dashboards;

    DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping(path = "/api/v1/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller's tenant today so far (cached for a few seconds; events refresh it)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Dashboard.class)))
    Mono<ResponseEntity<String>> dashboard() {
        return Callers.current().flatMap(c -> dashboards.current(c.tenant()))
                .map(body -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body));
    }
}
