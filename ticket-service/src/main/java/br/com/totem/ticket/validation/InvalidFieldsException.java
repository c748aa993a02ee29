package br.com.totem.ticket.validation;

import java.util.List;

/** Input that breaks a domain rule; the web layer turns it into a 400 problem naming the fields. */
public class InvalidFieldsException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidFieldsException(List<FieldViolation> violations) {
        super("invalid fields: " + violations.stream().map(FieldViolation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public InvalidFieldsException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
