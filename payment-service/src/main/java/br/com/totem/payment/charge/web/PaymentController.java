package br.com.totem.payment.charge.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.contracts.PaymentMethod;
import br.com.totem.payment.charge.LinkService;
import br.com.totem.payment.charge.ManualPaymentService;
import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Pagamentos", description = "Cobranças Pix, pagamentos no balcão e devoluções")
@SecurityRequirement(name = "bearer")
public class PaymentController {

    private final LinkService links;
    private final ManualPaymentService manual;
    private final Refunds refunds;
    private final ChargeStore charges;

    public PaymentController(LinkService links, ManualPaymentService manual, Refunds refunds, ChargeStore charges) {
        this.links = links;
        this.manual = manual;
        this.refunds = refunds;
        this.charges = charges;
    }

    public record LinkRequest(@NotNull UUID ticketId) {
    }

    @Operation(summary = "QR Pix de uma senha (uma única cobrança por senha)", responses = {
            @ApiResponse(responseCode = "200", description = "Cobrança ativa com BR Code e QR em SVG"),
            @ApiResponse(responseCode = "202", description = "Cobrança ainda sendo criada; tente após Retry-After"),
            @ApiResponse(responseCode = "404", description = "Senha desconhecida"),
            @ApiResponse(responseCode = "409", description = "Senha não aguarda pagamento"),
            @ApiResponse(responseCode = "503", description = "Banco indisponível; Retry-After")})
    @PostMapping("/link")
    @PreAuthorize("hasAnyRole('KIOSK','MANAGER','ADMIN')")
    public Mono<ResponseEntity<LinkService.Link>> link(@Valid @RequestBody LinkRequest request) {
        return Callers.current().flatMap(caller -> links.link(caller.tenant(), request.ticketId()))
                .map(r -> r.pending()
                        ? ResponseEntity.status(HttpStatus.ACCEPTED).header("Retry-After", "1").body(r.link())
                        : ResponseEntity.ok(r.link()));
    }

    public record PaymentView(UUID paymentId, UUID ticketId, String txid, String provider, String method, long amountCents,
                              String status, Long paidCents, String endToEndId, String flag, Instant expiresAt,
                              Instant createdAt, Instant confirmedAt, List<Refunds.Refund> refunds) {
    }

    @Operation(summary = "Pagamentos de uma senha")
    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','MANAGER','OPERATOR')")
    public Mono<List<PaymentView>> list(@RequestParam UUID ticketId) {
        return Callers.current().flatMap(caller -> charges.byTicket(caller.tenant(), ticketId)
                .flatMap(c -> view(caller.tenant(), c)).map(List::of).defaultIfEmpty(List.of()));
    }

    public record ManualRequest(@NotNull UUID ticketId, @NotNull @Schema(allowableValues = {"CASH", "CARD"}) PaymentMethod method) {
    }

    @Operation(summary = "Pagamento em dinheiro ou cartão recebido no balcão (gerente)")
    @PostMapping("/manual")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    public Mono<ResponseEntity<PaymentView>> manual(@Valid @RequestBody ManualRequest request) {
        return Callers.current().flatMap(caller -> manual.confirm(caller, request.ticketId(), request.method())
                        .flatMap(c -> view(caller.tenant(), c)))
                .map(v -> ResponseEntity.status(HttpStatus.CREATED).body(v));
    }

    private Mono<PaymentView> view(String tenant, Charge c) {
        return refunds.ofPayment(tenant, c.id()).collectList().map(rs -> new PaymentView(c.id(), c.ticketId(), c.txid(),
                c.provider(), c.method(), c.amountCents(), c.status().name(), c.paidCents(), c.endToEndId(), c.flag(),
                c.expiresAt(), c.createdAt(), c.confirmedAt(), rs));
    }
}
