package br.com.totem.ticket.customer.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.security.Callers;
import br.com.totem.ticket.customer.CustomerPrivacy;
import br.com.totem.ticket.customer.PiiReEncryption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers (LGPD)", description = "Data subject access and anonymisation, key rotation")
class CustomerController {

    private final CustomerPrivacy privacy;
    private final PiiReEncryption reEncryption;

    CustomerController(CustomerPrivacy privacy, PiiReEncryption reEncryption) {
        this.privacy = privacy;
        this.reEncryption = reEncryption;
    }

    @GetMapping("/export")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    @Operation(summary = "Everything held about a person (LGPD access): customer, tickets, consents; audited")
    @ApiResponse(responseCode = "400", description = "the CPF is invalid")
    @ApiResponse(responseCode = "404", description = "no customer with this CPF in this tenant")
    Mono<CustomerPrivacy.Export> export(@Parameter(description = "formatted or not") @RequestParam(required = false) String cpf) {
        return Callers.current().flatMap(c -> privacy.export(c, cpf));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    @Operation(summary = "Anonymise a person (LGPD): CPF, phone and name erased; ticket facts kept for accounting; audited")
    @ApiResponse(responseCode = "204", description = "anonymised")
    @ApiResponse(responseCode = "400", description = "the CPF is invalid")
    @ApiResponse(responseCode = "404", description = "no customer with this CPF in this tenant")
    Mono<Void> anonymise(@Parameter(description = "formatted or not") @RequestParam(required = false) String cpf) {
        return Callers.current().flatMap(c -> privacy.anonymise(c, cpf));
    }

    @PostMapping("/re-encryption")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Re-encrypt the tenant's CPFs and phones under the active key (after a key rotation); audited")
    Mono<PiiReEncryption.Result> reEncrypt() {
        return Callers.current().flatMap(reEncryption::reEncryptAll);
    }
}
