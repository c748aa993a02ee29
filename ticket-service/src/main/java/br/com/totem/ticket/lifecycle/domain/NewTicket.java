package br.com.totem.ticket.lifecycle.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import br.com.totem.contracts.Priority;
import br.com.totem.ticket.customer.domain.Cpf;
import br.com.totem.ticket.customer.domain.PersonName;
import br.com.totem.ticket.customer.domain.PhoneNumber;
import br.com.totem.ticket.validation.FieldViolation;
import br.com.totem.ticket.validation.InvalidFieldsException;

/**
 * A kiosk's ticket request after every field passed its rule. Built only by {@link #validate},
 * which reports all invalid fields at once so the kiosk can mark each on screen.
 */
public record NewTicket(UUID serviceId, PersonName name, Cpf cpf, PhoneNumber phone, int consentVersion,
                        Priority priority) {

    /** The request as it arrived: every value may be missing or malformed. */
    public record Raw(String serviceId, String name, String cpf, String phone, Integer consentVersion,
                      Boolean consentAccepted, String priority) {
    }

    public static NewTicket validate(Raw raw) {
        List<FieldViolation> violations = new ArrayList<>();
        UUID serviceId = null;
        if (raw.serviceId() == null || raw.serviceId().isBlank()) {
            violations.add(new FieldViolation("serviceId", "Informe o serviço."));
        } else {
            try {
                serviceId = UUID.fromString(raw.serviceId().strip());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("serviceId", "Serviço inválido."));
            }
        }
        Optional<PersonName> name = PersonName.parse(raw.name());
        if (name.isEmpty()) {
            violations.add(new FieldViolation("customer.name",
                    "Informe o nome com " + PersonName.MIN + " a " + PersonName.MAX + " caracteres."));
        }
        Optional<Cpf> cpf = Cpf.parse(raw.cpf());
        if (cpf.isEmpty()) {
            violations.add(new FieldViolation("customer.cpf",
                    blank(raw.cpf()) ? "Informe o CPF." : "CPF inválido: confira os números digitados."));
        }
        Optional<PhoneNumber> phone = PhoneNumber.parse(raw.phone());
        if (phone.isEmpty()) {
            violations.add(new FieldViolation("customer.phone", blank(raw.phone()) ? "Informe o telefone."
                    : "Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321."));
        }
        if (raw.consentVersion() == null || raw.consentVersion() < 1) {
            violations.add(new FieldViolation("consent.version", "Informe a versão do termo de consentimento."));
        }
        if (!Boolean.TRUE.equals(raw.consentAccepted())) {
            violations.add(new FieldViolation("consent.accepted", "É preciso aceitar o termo de consentimento."));
        }
        Priority priority = Priority.NORMAL;
        if (raw.priority() != null) {
            try {
                priority = Priority.valueOf(raw.priority().strip());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("priority", "Prioridade deve ser NORMAL ou PREFERENTIAL."));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
        return new NewTicket(serviceId, name.get(), cpf.get(), phone.get(), raw.consentVersion(), priority);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The request in one canonical line (normalised values), for the Idempotency-Key check:
     * "529.982.247-25" and "52998224725" are the same request.
     */
    public String canonical() {
        return String.join("\u001f", serviceId.toString(), name.value(), cpf.digits(), phone.e164(),
                Integer.toString(consentVersion), priority.name());
    }
}
