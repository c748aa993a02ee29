package br.com.totem.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/auth/login, /api/v1/auth/login",
            "/api/v1/%61uth/login, /api/v1/auth/login",
            "/api/v1/%61%75%74%68/login, /api/v1/auth/login",
            "/api/v1/%7eall, /api/v1/~all",
            "/api//v1///auth/login, /api/v1/auth/login",
            "//api/v1/auth/login, /api/v1/auth/login",
            "/api/v1/./auth/login, /api/v1/auth/login",
            "/api/v1/%2e/auth/login, /api/v1/auth/login",
            "/api/v1/x/../auth/login, /api/v1/auth/login",
            "/api/v1/x/%2E%2E/auth/login, /api/v1/auth/login",
            "/api/v1/tickets/, /api/v1/tickets",
            "/ws/queue/, /ws/queue",
            "/kiosk/, /kiosk/",
            "/kiosk, /kiosk",
            "/, /",
            "/api/v1/services/Banheira%20de%20Gelo, /api/v1/services/Banheira%20de%20Gelo",
            "/api/v1/services/%c3%a3, /api/v1/services/%C3%A3",
    })
    void equivalentSpellingsHaveOneForm(String raw, String canonical) throws Exception {
        assertThat(CanonicalPath.of(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1%2Fauth/login", "/api/v1/auth%2flogin", "/api/v1/%5Ctickets", "/api/v1\\tickets",
            "/api/v1/tickets;jsessionid=1", "/api/v1/%3Btickets", "/api/v1/tickets%00", "/api/v1/tickets%", "/api/v1/tickets%zz",
            "/api/../../etc/passwd", "/..", "api/v1/tickets"})
    void ambiguousPathsAreRefused(String raw) {
        assertThatThrownBy(() -> CanonicalPath.of(raw)).isInstanceOf(CanonicalPath.Rejected.class);
    }
}
