package br.com.totem.ticket.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.ticket.validation.FieldViolation;
import br.com.totem.ticket.validation.InvalidFieldsException;

/**
 * ticket-service's problem types and the one place that builds them. Field errors use the
 * platform's shape ({@code errors: [{field, message}]}) so clients read every 400 alike.
 * Details are in Brazilian Portuguese: the kiosk and the back office show them.
 */
public final class ApiProblems {

    public static final String IDEMPOTENCY_KEY_REQUIRED = ProblemTypes.BASE + "idempotency-key-required";
    public static final String IDEMPOTENCY_KEY_REUSED = ProblemTypes.BASE + "idempotency-key-reused";
    public static final String UNKNOWN_SERVICE = ProblemTypes.BASE + "unknown-service";
    public static final String CONSENT_OUTDATED = ProblemTypes.BASE + "consent-outdated";
    public static final String SALE_TERMS_CHANGING = ProblemTypes.BASE + "sale-terms-changing";
    public static final String PREFIX_IN_USE = ProblemTypes.BASE + "prefix-in-use";

    private ApiProblems() {
    }

    public static ProblemException invalid(InvalidFieldsException e) {
        return invalid(e.violations());
    }

    public static ProblemException invalid(List<FieldViolation> violations) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                violations.size() == 1 ? violations.getFirst().message() : "Há campos inválidos: confira e tente de novo.",
                Map.of("errors", errors(violations)));
    }

    /** A well-formed value that the current state refuses (unknown service, outdated consent): 422. */
    public static ProblemException unprocessable(String type, String title, String field, String message) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, type, title, message,
                Map.of("errors", errors(List.of(new FieldViolation(field, message)))));
    }

    /**
     * The service or consent text changed under several tries in a row (a manager editing the
     * catalog at that very moment): 409, nothing stored, the kiosk may send the same request again.
     */
    public static ProblemException saleTermsChanging() {
        return new ProblemException(HttpStatus.CONFLICT, SALE_TERMS_CHANGING, "Sale terms changing",
                "O serviço ou o termo de consentimento acabou de mudar: tente de novo.");
    }

    private static List<Map<String, String>> errors(List<FieldViolation> violations) {
        return violations.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList();
    }
}
