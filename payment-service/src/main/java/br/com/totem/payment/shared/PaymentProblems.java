package br.com.totem.payment.shared;

import java.util.Map;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;

/** The problems payment-service answers; titles and details in Portuguese, as the kiosk and managers read them. */
public final class PaymentProblems {

    public static final String TICKET_NOT_FOUND = ProblemTypes.BASE + "ticket-not-found";
    public static final String TICKET_NOT_PENDING = ProblemTypes.BASE + "ticket-not-pending";
    public static final String PSP_UNAVAILABLE = ProblemTypes.BASE + "psp-unavailable";
    public static final String PSP_REJECTED = ProblemTypes.BASE + "psp-rejected";
    public static final String NOT_CONFIGURED = ProblemTypes.BASE + "payment-not-configured";
    public static final String REFUND_NOT_ALLOWED = ProblemTypes.BASE + "refund-not-allowed";
    public static final String PAYMENT_NOT_FOUND = ProblemTypes.BASE + "payment-not-found";

    private PaymentProblems() {
    }

    public static ProblemException ticketNotFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, TICKET_NOT_FOUND, "Senha não encontrada",
                "Não encontramos esta senha para pagamento. Tente novamente em instantes.");
    }

    public static ProblemException ticketNotPending(String state) {
        return new ProblemException(HttpStatus.CONFLICT, TICKET_NOT_PENDING, "Senha não aguarda pagamento",
                "Esta senha não aguarda pagamento (" + state + ").", Map.of("state", state));
    }

    public static ProblemException pspUnavailable(long retryAfterSeconds, boolean manualAvailable) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, PSP_UNAVAILABLE, "Pix indisponível no momento",
                manualAvailable ? "O banco não respondeu. Tente de novo em alguns segundos ou pague no balcão."
                        : "O banco não respondeu. Tente de novo em alguns segundos.",
                Map.of("retryAfterSeconds", retryAfterSeconds, "manualPaymentAvailable", manualAvailable));
    }

    public static ProblemException pspRejected() {
        return new ProblemException(HttpStatus.BAD_GATEWAY, PSP_REJECTED, "Cobrança recusada pelo banco",
                "O banco recusou a cobrança Pix. Procure o atendimento.");
    }

    public static ProblemException notConfigured() {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED, "Pagamento não configurado",
                "Os pagamentos desta unidade ainda não foram configurados. Procure o atendimento.",
                Map.of("retryAfterSeconds", 60));
    }

    public static ProblemException paymentNotFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, PAYMENT_NOT_FOUND, "Pagamento não encontrado",
                "Não encontramos este pagamento.");
    }

    public static ProblemException refundNotAllowed(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, REFUND_NOT_ALLOWED, "Devolução não permitida", detail);
    }
}
