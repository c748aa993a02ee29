package br.com.totem.print.printer.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Callers;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.platform.security.OpaqueTokens;
import br.com.totem.print.printer.store.PrinterStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/printers")
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Tag(name = "Printers", description = "The tenant's ticket printers and the kiosk device each one serves")
class PrinterController {

    static final String NAME_IN_USE = ProblemTypes.BASE + "printer-name-in-use";
    static final String DEVICE_HAS_PRINTER = ProblemTypes.BASE + "kiosk-device-has-printer";

    private final PrinterStore printers;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    PrinterController(PrinterStore printers, AuditLog audit, TransactionalOperator tx) {
        this.printers = printers;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping
    @Operation(summary = "The tenant's printers, by name")
    Flux<PrinterView> list() {
        return Callers.current().flatMapMany(c -> printers.list(c.tenant())).map(PrinterView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One printer of the caller's tenant")
    @ApiResponse(responseCode = "404", description = "no such printer in this tenant")
    Mono<PrinterView> get(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> printers.find(c.tenant(), id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Printer")))
                .map(PrinterView::of);
    }

    @PostMapping
    @Operation(summary = "Register a printer; a CLOUDPRNT printer's token is in this answer only")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "400", description = "a field is invalid (errors[].field names it)")
    @ApiResponse(responseCode = "409", description = "the name is taken, or the kiosk device already has a printer")
    Mono<ResponseEntity<PrinterView>> create(@Valid @RequestBody PrinterRequest request) {
        return Callers.current().flatMap(c -> {
            Printer p = printer(UUID.randomUUID(), c.tenant(), request);
            // a CloudPRNT printer's own secret: shown once to this manager, configured in the printer's server
            // URL, stored only as its SHA-256; a MAC address is no secret and never authenticates (docs/printing.md)
            String token = p.connection() == Printer.Connection.CLOUDPRNT ? OpaqueTokens.generate() : null;
            return tx.transactional(printers.insert(p, token == null ? null : OpaqueTokens.hash(token))
                            .flatMap(stored -> record(c, "printer.create", stored).thenReturn(stored)))
                    .onErrorMap(DuplicateKeyException.class, PrinterController::conflict)
                    .map(stored -> ResponseEntity.created(URI.create("/api/v1/printers/" + stored.id()))
                            .body(PrinterView.of(stored, token)));
        });
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a printer's fields (a printer switched to CLOUDPRNT gets a token in this answer)")
    @ApiResponse(responseCode = "404", description = "no such printer in this tenant")
    @ApiResponse(responseCode = "409", description = "the name is taken, or the kiosk device already has a printer")
    Mono<PrinterView> update(@PathVariable UUID id, @Valid @RequestBody PrinterRequest request) {
        return Callers.current().flatMap(c -> {
            Printer p = printer(id, c.tenant(), request);
            return printers.find(c.tenant(), id)
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Printer")))
                    .flatMap(before -> {
                        boolean newToken = p.connection() == Printer.Connection.CLOUDPRNT
                                && before.connection() != Printer.Connection.CLOUDPRNT;
                        String token = newToken ? OpaqueTokens.generate() : null;
                        return tx.transactional(printers.update(p, token == null ? null : OpaqueTokens.hash(token))
                                        .flatMap(stored -> record(c, "printer.update", stored).thenReturn(stored)))
                                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Printer")))
                                .onErrorMap(DuplicateKeyException.class, PrinterController::conflict)
                                .map(stored -> PrinterView.of(stored, token));
                    });
        });
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a printer: its kiosk device's tickets go to the PDF / on-screen path")
    @ApiResponse(responseCode = "204", description = "removed")
    @ApiResponse(responseCode = "404", description = "no such printer in this tenant")
    Mono<Void> delete(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> tx.transactional(printers.delete(c.tenant(), id)
                .flatMap(found -> found
                        ? audit.record(c, "printer.delete", "printer", id.toString(), Map.of())
                        : Mono.error(ProblemException.notFound("Printer")))));
    }

    private Mono<Void> record(Caller c, String action, Printer p) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", p.name());
        details.put("connection", p.connection().name());
        if (p.kioskDevice() != null) {
            details.put("kioskDevice", p.kioskDevice());
        }
        if (p.host() != null) {
            details.put("host", p.host() + ":" + p.port());
        }
        details.put("codePage", p.codePage());
        details.put("paperWidthMm", p.paperWidthMm());
        if (p.connection() == Printer.Connection.CLOUDPRNT) {
            details.put("cloudPrntMedia", p.pullMedia().name());
        }
        return audit.record(c, action, "printer", p.id().toString(), details);
    }

    /** Checks what annotations cannot (fields that depend on the connection) and builds the printer. */
    private static Printer printer(UUID id, String tenant, PrinterRequest r) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Printer.Connection connection = Printer.Connection.valueOf(r.connection());
        if (r.paperWidthMm() != 58 && r.paperWidthMm() != 80) {
            errors.add(Map.of("field", "paperWidthMm", "message", "A largura do papel deve ser 58 ou 80 mm."));
        }
        if (connection == Printer.Connection.TCP && (r.host() == null || r.host().isBlank())) {
            errors.add(Map.of("field", "host", "message", "Informe o endereço da impressora TCP."));
        }
        if (connection == Printer.Connection.CLOUDPRNT && (r.host() != null || r.port() != null)) {
            errors.add(Map.of("field", r.host() != null ? "host" : "port",
                    "message", "Uma impressora CloudPRNT busca as senhas sozinha: não informe endereço nem porta."));
        }
        if (connection == Printer.Connection.TCP && r.cloudPrntMedia() != null) {
            errors.add(Map.of("field", "cloudPrntMedia",
                    "message", "O formato CloudPRNT vale só para impressoras CloudPRNT."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "Há campos inválidos.", Map.of("errors", errors));
        }
        String device = r.kioskDevice() == null || r.kioskDevice().isBlank() ? null : r.kioskDevice();
        boolean tcp = connection == Printer.Connection.TCP;
        return new Printer(id, tenant, r.name().strip(), device, connection, tcp ? r.host() : null,
                tcp ? (r.port() == null ? 9100 : r.port()) : null, r.codePage() == null ? "CP860" : r.codePage(),
                r.paperWidthMm(), r.cloudPrntMedia() == null ? null : Printer.PullMedia.valueOf(r.cloudPrntMedia()), null, null);
    }

    private static ProblemException conflict(Throwable e) {
        boolean device = String.valueOf(e.getMessage()).contains("printer_per_kiosk_device");
        String field = device ? "kioskDevice" : "name";
        String message = device ? "Este dispositivo já tem uma impressora." : "Já existe uma impressora com este nome.";
        return new ProblemException(HttpStatus.CONFLICT, device ? DEVICE_HAS_PRINTER : NAME_IN_USE,
                device ? "Kiosk device has a printer" : "Printer name in use", message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
