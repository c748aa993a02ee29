package br.com.totem.sandbox.pix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The sandbox keeps the BACEN rules a client must get right: token form, field rules, error shapes, receivers apart. */
class SandboxApiTest {

    static ConfigurableApplicationContext app;
    static WebTestClient http;

    @BeforeAll
    static void start() {
        app = PixPspSandboxApplication.startEmbedded(Map.of());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String token(String client) {
        return (String) http.post().uri("/oauth/token")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":secret").getBytes()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "cob.write cob.read"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    @Test
    void whenGrantTypeIsInTheQueryStringThenTheTokenIsRefusedAsSicrediDoes() {
        http.post().uri("/oauth/token?grant_type=client_credentials")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void whenTheCallHasNoTokenThenAccessIsDenied() {
        http.get().uri("/api/v2/cob/abcdefghijabcdefghijabcdefghij").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://pix.bcb.gov.br/api/v2/error/AcessoNegado");
    }

    @Test
    void whenTheChargeBreaksTheSchemaThenViolacoesNameEachField() {
        http.put().uri("/api/v2/cob/{txid}", "short").header("Authorization", "Bearer " + token("c1"))
                .bodyValue(Map.of("calendario", Map.of("expiracao", 0), "valor", Map.of("original", "37"), "chave", "k"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida")
                .jsonPath("$.violacoes[*].propriedade").value(p -> assertThat(p.toString())
                        .contains("cob.txid", "cob.calendario.expiracao", "cob.valor.original"));
    }

    @Test
    void whenAChargeIsCreatedPaidAndRefundedThenTheFlowFollowsTheSpec() {
        String token = token("c2");
        String txid = "abcdefghij0123456789abcdefXY";
        http.put().uri("/api/v2/cob/{txid}", txid).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("calendario", Map.of("expiracao", 300), "valor", Map.of("original", "60.00"), "chave", "key-c2"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("ATIVA").jsonPath("$.location").exists();
        // another receiver does not see it
        http.get().uri("/api/v2/cob/{txid}", txid).header("Authorization", "Bearer " + token("other")).exchange()
                .expectStatus().isNotFound();
        String e2e = (String) http.post().uri("/sandbox/cob/{txid}/pay", txid).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("endToEndId");
        assertThat(e2e).matches("E01181521\\d{12}[a-zA-Z0-9]{11}");
        http.get().uri("/api/v2/cob/{txid}", txid).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONCLUIDA").jsonPath("$.pix[0].endToEndId").isEqualTo(e2e);
        http.put().uri("/api/v2/pix/{e2e}/devolucao/{id}", e2e, "D1").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("valor", "60.01")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://pix.bcb.gov.br/api/v2/error/PixDevolucaoInvalida");
        http.put().uri("/api/v2/pix/{e2e}/devolucao/{id}", e2e, "D1").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("valor", "60.00")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("EM_PROCESSAMENTO");
    }

    @Test
    void whenFaultsSayEveryCallFailsThenTheApiAnswers503UntilCleared() {
        String token = token("c3");
        http.put().uri("/sandbox/faults").bodyValue(Map.of("errorRate", 1.0)).exchange().expectStatus().isOk();
        http.get().uri("/api/v2/cob/{txid}", "abcdefghij0123456789abcdefZZ").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://pix.bcb.gov.br/api/v2/error/ServicoIndisponivel");
        http.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();
        http.get().uri("/api/v2/cob/{txid}", "abcdefghij0123456789abcdefZZ").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void whenTheDemoPageIsOpenedThenItIsInPortugueseWithAPayButton() {
        http.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
                .value(html -> assertThat(html).contains("lang=\"pt-BR\"").contains("Pagar").contains("Banco sandbox Pix"));
    }
}
