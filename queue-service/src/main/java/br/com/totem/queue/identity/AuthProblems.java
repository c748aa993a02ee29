package br.com.totem.queue.identity;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;

/** The problems of logging in. One answer for an unknown name and a wrong secret: nothing to enumerate. */
public final class AuthProblems {

    static final String INVALID_CREDENTIALS = ProblemTypes.BASE + "invalid-credentials";
    static final String LOGIN_LOCKED = ProblemTypes.BASE + "login-locked";
    static final String INVALID_REFRESH_TOKEN = ProblemTypes.BASE + "invalid-refresh-token";
    static final String REFRESH_TOKEN_REUSED = ProblemTypes.BASE + "refresh-token-reused";
    public static final String STAFF_DEVICE_REQUIRED = ProblemTypes.BASE + "staff-device-required";

    private AuthProblems() {
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "Invalid credentials",
                "Usuário ou senha inválidos");
    }

    static ProblemException locked(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        String wait = seconds < 60 ? seconds + " segundo(s)" : (seconds + 59) / 60 + " minuto(s)";
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, LOGIN_LOCKED, "Login delayed",
                "Muitas tentativas sem sucesso. Tente novamente em " + wait, Map.of("retryAfterSeconds", seconds));
    }

    /** A PIN login without the token of an active staff tablet of the tenant. */
    public static ProblemException staffDeviceRequired() {
        return new ProblemException(HttpStatus.FORBIDDEN, STAFF_DEVICE_REQUIRED, "Staff device required",
                "O PIN só pode ser usado em um tablet da equipe cadastrado. Entre com a senha ou peça ao gerente para cadastrar este aparelho");
    }

    static ProblemException invalidRefresh() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, INVALID_REFRESH_TOKEN, "Invalid refresh token",
                "Sessão expirada. Entre novamente");
    }

    static ProblemException reused() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, REFRESH_TOKEN_REUSED, "Refresh token reused",
                "Sessão encerrada por segurança. Entre novamente");
    }
}
