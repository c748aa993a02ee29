package br.com.totem.ticket.customer.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.security.Callers;
import br.com.totem.ticket.customer.CustomerPrivacy;
import br.com.totem.ticket.customer.PiiReEncryption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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

    /** The person a privacy request is about. In the body, never the URL: URLs end up in logs, traces and histories (LGPD). */
    record CpfRequest(@Schema(description = "formatted or not", example = "529.982.247-25") String cpf) {
        @Override
        public String toString() {
            return "CpfRequest[cpf=***]";
        }
    }

    @PostMapping("/export")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Everything held about a person (LGPD access): customer, tickets, consents; audited. The CPF goes in the body")
    @ApiResponse(responseCode = "400", description = "the CPF is invalid")
    @ApiResponse(responseCode = "404", description = "no customer with this CPF in this tenant")
    Mono<CustomerPrivacy.Export> export(@RequestBody(required = false) CpfRequest request) {
        return Callers.current().flatMap(c -> privacy.export(c, request == null ? null : request.cpf()));
    }

    @PostMapping("/anonymisation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Anonymise a person (LGPD): CPF, phone and name erased; ticket facts kept for accounting; audited. The CPF goes in the body")
    @ApiResponse(responseCode = "204", description = "anonymised")
    @ApiResponse(responseCode = "400", description = "the CPF is invalid")
    @ApiResponse(responseCode = "404", description = "no customer with this CPF in this tenant")
    Mono<Void> anonymise(@RequestBody(required = false) CpfRequest request) {
        return Callers.current().flatMap(c -> privacy.anonymise(c, request == null ? null : request.cpf()));
    }

    @PostMapping("/re-encryption")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Re-encrypt the tenant's CPFs and phones under the active key (after a key rotation); audited")
    Mono<PiiReEncryption.Result> reEncrypt() {
        return Callers.current().flatMap(reEncryption::reEncryptAll);
    }
}
