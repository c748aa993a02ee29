package br.com.totem.ticket.lifecycle.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.security.Callers;
import br.com.totem.ticket.lifecycle.TicketCancellation;
import br.com.totem.ticket.lifecycle.TicketCreation;
import br.com.totem.ticket.lifecycle.TicketQueries;
import br.com.totem.ticket.validation.FieldViolation;
import br.com.totem.ticket.validation.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Tickets from the kiosk to the end of the session")
class TicketController {

    static final int MAX_PAGE_SIZE = 100;

    private final TicketCreation creation;
    private final TicketQueries queries;
    private final TicketCancellation cancellation;

    TicketController(TicketCreation creation, TicketQueries queries, TicketCancellation cancellation) {
        this.creation = creation;
        this.queries = queries;
        this.cancellation = cancellation;
    }

    @PostMapping
    @PreAuthorize("hasRole('KIOSK')")
    @Operation(summary = "Create a ticket waiting for payment (emits ticket.created)",
            description = "The same Idempotency-Key with the same body returns the same ticket; with another body, 422.")
    @ApiResponse(responseCode = "201", description = "created, or the ticket this key created before (header Idempotent-Replayed: true)")
    @ApiResponse(responseCode = "400", description = "Idempotency-Key missing, or invalid fields (errors[].field names each)")
    @ApiResponse(responseCode = "422", description = "unknown or inactive service, consent version not current, or key reused with another body")
    @ApiResponse(responseCode = "409", description = "the service or consent text changed during several tries in a row; nothing stored, send again")
    Mono<ResponseEntity<TicketView>> create(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "1–200 visible characters, unique per attempt; kept 24 h")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody CreateTicketRequest request) {
        return Callers.current()
                .flatMap(kiosk -> creation.create(kiosk, idempotencyKey, request.raw()))
                .map(outcome -> ResponseEntity.created(URI.create("/api/v1/tickets/" + outcome.ticket().id()))
                        .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                        .body(TicketView.of(outcome.ticket())));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('KIOSK','ADMIN','MANAGER','OPERATOR')")
    @Operation(summary = "One ticket: a kiosk sees only the tickets it created, staff see their tenant's")
    @ApiResponse(responseCode = "404", description = "no such ticket for this caller")
    Mono<TicketView> get(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> queries.get(c, id)).map(TicketView::of);
    }

    record TicketPage(List<TicketView> items, int page, int size, long totalElements, int totalPages) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','MANAGER','OPERATOR')")
    @Operation(summary = "The tenant's tickets, newest first, paged and filtered")
    @ApiResponse(responseCode = "400", description = "a filter or paging parameter is invalid (errors[].field names it)")
    Mono<TicketPage> list(
            @Parameter(schema = @Schema(implementation = TicketStatus.class)) @RequestParam(required = false) String status,
            @Parameter(description = "catalog service id") @RequestParam(required = false) String serviceId,
            @Parameter(description = "business day (yyyy-MM-dd) in the tenant's time zone, by creation time")
            @RequestParam(required = false) String date,
            @Parameter(description = "0-based") @RequestParam(defaultValue = "0") String page,
            @Parameter(description = "1–100") @RequestParam(defaultValue = "20") String size) {
        List<FieldViolation> violations = new ArrayList<>();
        TicketStatus statusFilter = parse(status, TicketStatus::valueOf, "status", "Situação desconhecida.", violations);
        UUID serviceFilter = parse(serviceId, UUID::fromString, "serviceId", "Serviço inválido.", violations);
        LocalDate dateFilter = parse(date, LocalDate::parse, "date", "Data inválida: use AAAA-MM-DD.", violations);
        Integer pageNumber = parse(page, Integer::valueOf, "page", "A página deve ser 0 ou maior.", violations);
        Integer pageSize = parse(size, Integer::valueOf, "size", "O tamanho da página deve ser de 1 a 100.", violations);
        if (pageNumber != null && pageNumber < 0) {
            violations.add(new FieldViolation("page", "A página deve ser 0 ou maior."));
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            violations.add(new FieldViolation("size", "O tamanho da página deve ser de 1 a 100."));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidFieldsException(violations));
        }
        return Callers.current()
                .flatMap(c -> queries.list(c, statusFilter, serviceFilter, dateFilter, pageNumber, pageSize))
                .map(p -> new TicketPage(p.items().stream().map(TicketView::of).toList(), p.page(), p.size(),
                        p.totalElements(), (int) ((p.totalElements() + p.size() - 1) / p.size())));
    }

    record CancelRequest(
            @Schema(description = "why, for the audit trail and the refund", example = "Cliente desistiu")
            @NotNull(message = "Informe o motivo.")
            @Pattern(regexp = "\\s*\\S.{1,198}\\S\\s*", message = "O motivo deve ter de 3 a 200 caracteres.")
            String reason) {
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Cancel a ticket (PENDING_PAYMENT, PAID or CALLED); a paid one is refunded (ticket.cancelled with refundRequired)")
    @ApiResponse(responseCode = "404", description = "no such ticket in this tenant")
    @ApiResponse(responseCode = "409", description = "the ticket's state does not allow cancelling (type invalid-ticket-transition)")
    Mono<TicketView> cancel(@PathVariable UUID id, @Valid @RequestBody CancelRequest request) {
        return Callers.current().flatMap(c -> cancellation.cancel(c, id, request.reason().strip())).map(TicketView::of);
    }

    private static <T> T parse(String value, java.util.function.Function<String, T> parser, String field, String message,
                               List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            violations.add(new FieldViolation(field, message));
            return null;
        }
    }
}
