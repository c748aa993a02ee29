package br.com.totem.payment.refund.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.refund.RefundService;
import br.com.totem.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Pagamentos", description = "Cobranças Pix, pagamentos no balcão e devoluções")
@SecurityRequirement(name = "bearer")
public class RefundController {

    private final RefundService refunds;

    public RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    public record RefundRequest(@Positive Long amountCents, @Size(max = 140) String reason) {
    }

    @Operation(summary = "Devolução Pix (gerente); sem valor devolve o que resta")
    @PostMapping("/{id}/refund")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    public Mono<ResponseEntity<Refunds.Refund>> refund(@PathVariable UUID id,
                                                      @Valid @RequestBody(required = false) RefundRequest request) {
        RefundRequest r = request == null ? new RefundRequest(null, null) : request;
        return Callers.current().flatMap(caller -> refunds.request(caller, id, r.amountCents(), r.reason()))
                .map(refund -> ResponseEntity.status(HttpStatus.ACCEPTED).body(refund));
    }
}
