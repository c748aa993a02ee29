package br.com.totem.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebInputException;

import jakarta.validation.ConstraintViolationException;

/** Turns any exception into the {@link ProblemDetail} a client receives. The one place that does. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail from(Throwable error) {
        if (error instanceof ProblemException p) {
            return p.toProblemDetail();
        }
        if (error instanceof AccessDeniedException) {
            return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", "Your role does not allow this action");
        }
        if (error instanceof AuthenticationException) {
            return problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required");
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                    "The request body exceeds the size this endpoint accepts");
        }
        if (error instanceof WebExchangeBindException bind) {
            ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "One or more fields are invalid");
            pd.setProperty("errors", bind.getFieldErrors().stream().map(Problems::fieldError).toList());
            return pd;
        }
        if (error instanceof ConstraintViolationException cve) {
            ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "One or more parameters are invalid");
            pd.setProperty("errors", cve.getConstraintViolations().stream()
                    .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                    .toList());
            return pd;
        }
        if (error instanceof ServerErrorException missing && missing.getMethodParameter() != null
                && missing.getMethodParameter().hasParameterAnnotation(PathVariable.class)) {
            // the route matched, so the variable was there: it converted to nothing (a blank segment
            // for a UUID). WebFlux calls that a server error; it is the client's malformed path.
            return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
                    "A path parameter is empty or not of its kind");
        }
        if (error instanceof ServerWebInputException input) {
            String detail = hasCause(error, DecodingException.class)
                    ? "The request body is not valid JSON for this endpoint"
                    : input.getReason() != null ? input.getReason() : "The request is malformed";
            return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail);
        }
        if (error instanceof DuplicateKeyException || error instanceof OptimisticLockingFailureException) {
            return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
                    "The resource was changed concurrently or already exists");
        }
        if (error instanceof ErrorResponse response) {
            HttpStatusCode status = response.getStatusCode();
            ProblemDetail body = response.getBody();
            String detail = status.value() == 404 ? "No resource at this path"
                    : body.getDetail() != null ? body.getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
            pd.setType(URI.create(ProblemTypes.forStatus(status.value())));
            pd.setTitle(HttpStatus.valueOf(status.value()).getReasonPhrase());
            return pd;
        }
        if (hasCause(error, org.springframework.dao.TransientDataAccessException.class)
                || hasCause(error, io.r2dbc.spi.R2dbcTransientException.class)
                || hasCause(error, java.util.concurrent.TimeoutException.class)) {
            // no free database connection in time, a statement or lock wait past its timeout (issue 12 items 4, 9):
            // the request may well succeed in a moment
            ProblemDetail pd = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service busy",
                    "O serviço está ocupado no momento. Tente novamente em instantes");
            pd.setProperty("retryAfterSeconds", 2);
            return pd;
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "An unexpected error occurred; it has been logged");
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create(type));
        pd.setTitle(title);
        return pd;
    }

    private static Map<String, Object> fieldError(FieldError fe) {
        // never echo the rejected value: it may be a CPF or a phone number
        return Map.of("field", fe.getField(), "message", fe.getDefaultMessage() == null ? "invalid" : fe.getDefaultMessage());
    }

    private static String lastNode(String path) {
        List<String> parts = List.of(path.split("\\."));
        return parts.getLast();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
