package br.com.totem.print.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.security.OpaqueTokens;
import br.com.totem.testkit.TestTokens;

/** Printers CRUD over real HTTP on the run's own database: roles, validation, conflicts, tenants apart, audit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrinterIT {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    static String manager(String tenant) {
        return TestTokens.get().token(tenant, "gerente", "MANAGER");
    }

    static Map<String, Object> tcp(String name, String device) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kioskDevice", device);
        body.put("connection", "TCP");
        body.put("host", "192.168.0.50");
        body.put("paperWidthMm", 80);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String tenant, Map<String, Object> body) {
        return http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant))).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    @Test
    void whenAManagerRegistersATcpPrinterThenItHasDefaultsIsListedAndAudited() {
        String tenant = unique("t");
        String name = "Balcão da entrada";
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(tcp(name, "totem-01")).exchange()
                .expectStatus().isCreated()
                .expectHeader().value("Location", l -> assertThat(l).startsWith("/api/v1/printers/"))
                .expectBody()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.port").isEqualTo(9100)
                .jsonPath("$.codePage").isEqualTo("CP860")
                .jsonPath("$.paperWidthMm").isEqualTo(80)
                .jsonPath("$.cloudPrntToken").doesNotExist();
        http.get().uri("/api/v1/printers").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "admin", "ADMIN")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].kioskDevice").isEqualTo("totem-01");
        String id = (String) ((Map<?, ?>) http.get().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .exchange().expectBody(java.util.List.class).returnResult().getResponseBody().getFirst()).get("id");
        assertThat(audit.entries(tenant, "printer", id).collectList().block())
                .extracting(AuditLog.Entry::action).containsExactly("printer.create");
    }

    @Test
    void whenACloudPrntPrinterIsRegisteredThenItsTokenIsShownOnceAndOnlyItsHashIsStored() {
        String tenant = unique("t");
        Map<String, Object> body = Map.of("name", "Impressora nuvem", "connection", "CLOUDPRNT", "paperWidthMm", 58);
        Map<?, ?> created = http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) created.get("cloudPrntToken");
        assertThat(token).hasSize(43);
        byte[] stored = db.sql("select token_hash from printer where id = :id").bind("id", UUID.fromString((String) created.get("id")))
                .map(r -> r.get("token_hash", byte[].class)).one().block();
        assertThat(stored).isEqualTo(OpaqueTokens.hash(token));
        http.get().uri("/api/v1/printers/{id}", created.get("id")).headers(h -> h.setBearerAuth(manager(tenant))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.cloudPrntToken").doesNotExist().jsonPath("$.host").doesNotExist();
    }

    @Test
    void whenEachFieldIsInvalidThen400NamingItInPortugueseAndNothingIsStored() {
        String tenant = unique("t");
        Map<String, Map<String, Object>> cases = Map.of(
                "name", with(tcp("x", null), "name", " X "),
                "connection", with(tcp("Caixa", null), "connection", "USB"),
                "host", with(tcp("Caixa", null), "host", null),
                "port", with(tcp("Caixa", null), "port", 70000),
                "codePage", with(tcp("Caixa", null), "codePage", "UTF-8"),
                "paperWidthMm", with(tcp("Caixa", null), "paperWidthMm", 72),
                "kioskDevice", with(tcp("Caixa", null), "kioskDevice", "totem 01"));
        cases.forEach((field, body) -> http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").value(m -> assertThat(m.toString()).doesNotContain("must")));
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(Map.of("name", "Nuvem", "connection", "CLOUDPRNT", "host", "10.0.0.1", "paperWidthMm", 80))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("host");
        http.get().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant))).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void whenTheNameOrTheKioskDeviceIsTakenThen409ButAnotherTenantMayUseThem() {
        String tenant = unique("t");
        create(tenant, tcp("Caixa", "totem-07"));
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(tcp("caixa", null)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/printer-name-in-use")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(tcp("Outra", "totem-07")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/kiosk-device-has-printer")
                .jsonPath("$.errors[0].field").isEqualTo("kioskDevice");
        create(unique("t"), tcp("Caixa", "totem-07"));
    }

    @Test
    void whenUpdatedOrDeletedThenOnlyInTheCallersTenant() {
        String tenant = unique("t");
        String id = create(tenant, tcp("Caixa", null));
        String other = unique("t");
        http.put().uri("/api/v1/printers/{id}", id).headers(h -> h.setBearerAuth(manager(other)))
                .bodyValue(tcp("Roubada", null)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/printers/{id}", id).headers(h -> h.setBearerAuth(manager(other)))
                .exchange().expectStatus().isNotFound();
        http.put().uri("/api/v1/printers/{id}", id).headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(with(with(tcp("Caixa 2", "totem-02"), "paperWidthMm", 58), "port", 9101)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Caixa 2").jsonPath("$.paperWidthMm").isEqualTo(58).jsonPath("$.port").isEqualTo(9101);
        http.delete().uri("/api/v1/printers/{id}", id).headers(h -> h.setBearerAuth(manager(tenant)))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/printers/{id}", id).headers(h -> h.setBearerAuth(manager(tenant)))
                .exchange().expectStatus().isNotFound();
        assertThat(audit.entries(tenant, "printer", id).collectList().block())
                .extracting(AuditLog.Entry::action).containsExactly("printer.create", "printer.update", "printer.delete");
    }

    @Test
    void whenTheCallerIsNotManagerOrAdminThen403AndWithoutTokenThen401() {
        String tenant = unique("t");
        http.get().uri("/api/v1/printers").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "op", "OPERATOR")))
                .exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "totem-01", "KIOSK")))
                .bodyValue(tcp("Caixa", null)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/printers").exchange().expectStatus().isUnauthorized();
    }
}
