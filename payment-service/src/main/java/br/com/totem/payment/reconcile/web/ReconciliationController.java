package br.com.totem.payment.reconcile.web;

import java.time.LocalDate;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.payment.reconcile.DailyReconciliation;
import br.com.totem.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Pagamentos", description = "Cobranças Pix, pagamentos no balcão e devoluções")
@SecurityRequirement(name = "bearer")
public class ReconciliationController {

    private final DailyReconciliation daily;

    public ReconciliationController(DailyReconciliation daily) {
        this.daily = daily;
    }

    @Operation(summary = "Conciliação diária com o PSP (GET /cob?inicio&fim): divergências de um dia")
    @GetMapping("/reconciliation")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    public Mono<DailyReconciliation.Report> reconciliation(@RequestParam LocalDate date) {
        return Callers.current().flatMap(caller -> daily.run(caller.tenant(), date));
    }
}
