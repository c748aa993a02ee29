package br.com.totem.platform.problem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.testkit.TestTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** Every kind of failure leaves a service as RFC 9457 problem+json with a stable type. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemHandlingIT.App.class,
        properties = {"spring.application.name=problem-test", "totem.service-id=problemtest",
                "totem.outbox.relay-enabled=false"})
class ProblemHandlingIT {

    @SpringBootApplication
    static class App {
        @RestController
        static class Endpoints {
            record Customer(@NotBlank @Size(min = 2, max = 80) String name, @NotBlank String cpf) {
            }

            @PostMapping("/things")
            Mono<Map<String, String>> create(@Valid @RequestBody Customer customer) {
                return Mono.just(Map.of("name", customer.name()));
            }

            @GetMapping("/conflict")
            Mono<String> conflict() {
                return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.BASE + "invalid-transition",
                        "Invalid transition", "A COMPLETED ticket cannot be called", Map.of("ticketStatus", "COMPLETED", "status", "not-a-status")));
            }

            @GetMapping("/duplicate")
            Mono<String> duplicate() {
                return Mono.error(new DuplicateKeyException("duplicate key value violates unique constraint"));
            }

            @GetMapping("/managers-only")
            @PreAuthorize("hasRole('MANAGER')")
            Mono<String> managersOnly() {
                return Mono.just("ok");
            }

            @GetMapping("/tickets/{id}")
            Mono<String> ticket(@org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {
                return Mono.just(id.toString());
            }

            @GetMapping("/boom")
            Mono<String> boom() {
                return Mono.error(new IllegalStateException("secret internals: password=hunter2"));
            }
        }
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("Authorization", "Bearer " + TestTokens.get().token("demo", "kiosk-1", "KIOSK"))
                .build();
    }

    @Test
    void whenFieldsAreInvalidThen400NamingEachFieldWithoutEchoingValues() {
        http.post().uri("/things").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"M\",\"cpf\":\"\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors[?(@.field=='name')]").exists()
                .jsonPath("$.errors[?(@.field=='cpf')]").exists()
                .jsonPath("$.errors[0].rejectedValue").doesNotExist();
    }

    @Test
    void whenJsonIsMalformedThen400MalformedRequest() {
        http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.MALFORMED_REQUEST);
    }

    @Test
    void whenBodyIsTooLargeThen413() {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"cpf\":\"1\"}";
        http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE);
    }

    @Test
    void whenDomainRefusesThen409WithItsOwnTypeAndProperties() {
        http.get().uri("/conflict").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.BASE + "invalid-transition")
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.detail").isEqualTo("A COMPLETED ticket cannot be called")
                .jsonPath("$.ticketStatus").isEqualTo("COMPLETED");
    }

    @Test
    void whenUniqueConstraintBreaksThen409Conflict() {
        http.get().uri("/duplicate").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.CONFLICT);
    }

    @Test
    void whenSomethingUnexpectedFailsThen500WithoutInternals() {
        String body = http.get().uri("/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        org.assertj.core.api.Assertions.assertThat(body).contains(ProblemTypes.INTERNAL)
                .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at br.com");
    }

    @Test
    void whenRoleIsWrongThen403ProblemAndWhenRightThen200() {
        http.get().uri("/managers-only").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN);
        http.get().uri("/managers-only")
                .header("Authorization", "Bearer " + TestTokens.get().token("demo", "gerente", "MANAGER"))
                .exchange().expectStatus().isOk();
    }

    /** A blank segment converts to a null UUID: WebFlux calls that a missing path variable, a server error (SecurityFuzzIT). */
    @Test
    void whenAPathParameterIsBlankOrMalformedThen400() {
        for (String id : java.util.List.of("%20", "not-a-uuid")) {
            http.get().uri(java.net.URI.create("http://127.0.0.1:" + port + "/tickets/" + id)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.MALFORMED_REQUEST);
        }
    }

    @Test
    void whenMethodIsNotAllowedThen405() {
        http.delete().uri("/things").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.METHOD_NOT_ALLOWED);
    }
}
