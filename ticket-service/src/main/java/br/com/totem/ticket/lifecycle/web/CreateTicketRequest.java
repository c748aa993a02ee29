package br.com.totem.ticket.lifecycle.web;

import br.com.totem.ticket.lifecycle.domain.NewTicket;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The kiosk's body. Every value is read as sent (strings, nullable) and validated by
 * {@link NewTicket#validate}, so each bad field gets its own pt-BR message instead of a parse error.
 */
@Schema(description = "A kiosk's ticket request")
record CreateTicketRequest(
        @Schema(description = "catalog service id", example = "0b6f3c1e-8f0a-4c43-9d57-2a6e0e5f9d11") String serviceId,
        CustomerInput customer,
        ConsentInput consent,
        @Schema(allowableValues = {"NORMAL", "PREFERENTIAL"}, defaultValue = "NORMAL") String priority) {

    @Schema(description = "who the ticket is for; CPF and phone are stored encrypted and never shown in clear")
    record CustomerInput(
            @Schema(description = "2–80 characters", example = "Maria da Silva") String name,
            @Schema(description = "with valid check digits, formatted or not", example = "529.982.247-25") String cpf,
            @Schema(description = "Brazilian number; stored as E.164", example = "(11) 98765-4321") String phone) {

        /** Codecs log decoded bodies at DEBUG: this keeps the CPF and phone out of such lines. */
        @Override
        public String toString() {
            return "CustomerInput[name=" + name + ", cpf=***, phone=***]";
        }
    }

    @Schema(description = "the consent text the customer accepted")
    record ConsentInput(
            @Schema(description = "must be the current version (GET /api/v1/consents/current)", example = "1") Integer version,
            @Schema(description = "must be true") Boolean accepted) {
    }

    NewTicket.Raw raw() {
        CustomerInput c = customer == null ? new CustomerInput(null, null, null) : customer;
        ConsentInput k = consent == null ? new ConsentInput(null, null) : consent;
        return new NewTicket.Raw(serviceId, c.name(), c.cpf(), c.phone(), k.version(), k.accepted(), priority);
    }
}
