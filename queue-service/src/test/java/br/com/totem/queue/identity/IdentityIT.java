package br.com.totem.queue.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jwt.SignedJWT;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.queue.identity.domain.DeviceKind;
import br.com.totem.queue.identity.domain.StaffUser;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.queue.support.QueueIT;
import tools.jackson.databind.JsonNode;

/** Logins, lockout, refresh rotation, device tokens, key rotation and the setup endpoints, on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "totem.queue.identity.key-admin-tenant=" + IdentityIT.PLATFORM)
class IdentityIT extends QueueIT {

    /** The operator of the suite: its ADMINs alone rotate the signing key every tenant shares. */
    static final String PLATFORM = "plataforma-it";

    @Autowired
    AuditLog audit;

    private WebTestClient.ResponseSpec login(String tenant, String username, String field, String secret) {
        return http.post().uri("/api/v1/auth/login").bodyValue(Map.of("tenant", tenant, "username", username, field, secret)).exchange();
    }

    private static JsonNode claims(String token) throws Exception {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(SignedJWT.parse(token).getPayload().toString());
    }

    @Test
    void whenPasswordIsRightThenTheTokenCarriesSubjectTenantRolesNameAndKid() throws Exception {
        String tenant = QueueFixtures.newTenant();
        StaffUser manager = fixtures.user(tenant, "gerente", null, "MANAGER");
        JsonNode tokens = fixtures.tokens(tenant, "GERENTE ");

        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asString()).isNotBlank();
        String access = tokens.get("accessToken").asString();
        SignedJWT jwt = SignedJWT.parse(access);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JsonNode claims = claims(access);
        assertThat(claims.get("sub").asString()).isEqualTo(manager.id().toString());
        assertThat(claims.get("tenant").asString()).isEqualTo(tenant);
        assertThat(claims.get("roles").get(0).asString()).isEqualTo("MANAGER");
        assertThat(claims.get("name").asString()).isEqualTo("Nome gerente");
        // meant for Totem, from us: every service checks both (issue 12 item 5)
        assertThat(claims.get("iss").asString()).isEqualTo("totem-queue");
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asString() : claims.get("aud").asString()).isEqualTo("totem");

        // the service accepts its own token
        http.get().uri("/api/v1/users").header("Authorization", "Bearer " + access).exchange().expectStatus().isOk();
    }

    @Test
    void whenOperatorLogsInWithPinOnAStaffTabletThenTokenHasOnlyOperatorRole() throws Exception {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "operador", QueueFixtures.PIN, "OPERATOR", "MANAGER");
        String tablet = fixtures.staffTablet(tenant, "tablet-1");
        assertThat(claims(tablet).get("roles").toString()).isEqualTo("[\"STAFF_DEVICE\"]");
        JsonNode tokens = fixtures.pinLogin(tenant, "operador", "1234", tablet).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(claims(tokens.get("accessToken").asString()).get("roles").toString()).isEqualTo("[\"OPERATOR\"]");

        // and its refresh keeps it that way
        JsonNode refreshed = http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", tokens.get("refreshToken").asString()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(claims(refreshed.get("accessToken").asString()).get("roles").toString()).isEqualTo("[\"OPERATOR\"]");

        fixtures.pinLogin(tenant, "operador", "9999", tablet).expectStatus().isUnauthorized();
        // the tablet's token opens nothing by itself
        http.get().uri("/api/v1/queue").header("Authorization", "Bearer " + tablet).exchange().expectStatus().isForbidden();
    }

    @Test
    void whenAPinComesFromAnythingButAnActiveStaffTabletOfTheTenantThenItIsRefused() {
        // issue 12 item 3: a 4-digit PIN is guessable from anywhere; it is only accepted where a registered tablet is
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "operador", QueueFixtures.PIN, "OPERATOR");
        fixtures.user(tenant, "gerente", null, "MANAGER");
        fixtures.device(tenant, "kiosk-1", DeviceKind.KIOSK);
        String other = QueueFixtures.newTenant();
        String foreignTablet = fixtures.staffTablet(other, "tablet-1");
        String tablet = fixtures.staffTablet(tenant, "tablet-1");

        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("no token", null);
        refused.put("a kiosk", fixtures.deviceToken(tenant, "kiosk-1"));
        refused.put("a manager", fixtures.login(tenant, "gerente"));
        refused.put("another tenant's tablet", foreignTablet);
        refused.forEach((who, token) -> fixtures.pinLogin(tenant, "operador", "1234", token).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/staff-device-required")
                .jsonPath("$.detail").value(d -> assertThat((String) d).as(who).contains("tablet da equipe")));

        // a deactivated tablet is refused even while its token is still valid
        fixtures.pinLogin(tenant, "operador", "1234", tablet).expectStatus().isOk();
        http.put().uri("/api/v1/devices/tablet-1").header("Authorization", "Bearer " + fixtures.login(tenant, "gerente"))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isOk();
        fixtures.pinLogin(tenant, "operador", "1234", tablet).expectStatus().isForbidden();
        // passwords still work from anywhere
        login(tenant, "operador", "password", QueueFixtures.PASSWORD).expectStatus().isOk();
    }

    @Test
    void whenUserHasNoPinThenPinLoginFailsLikeAWrongPassword() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        fixtures.pinLogin(tenant, "gerente", "1234", fixtures.staffTablet(tenant, "tablet-1")).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/invalid-credentials");
    }

    @Test
    void whenUserIsUnknownThenTheAnswerIsTheSameAsForAWrongPassword() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        String wrong = login(tenant, "gerente", "password", "errada-123").expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        String unknown = login(tenant, "ninguem", "password", "errada-123").expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(unknown.replace("/api/v1/auth/login", "")).isEqualTo(wrong.replace("/api/v1/auth/login", ""));
        // the same user in another tenant does not exist here
        login("outro-" + tenant, "gerente", "password", QueueFixtures.PASSWORD).expectStatus().isUnauthorized();
    }

    @Test
    void whenFailuresPileUpFromOneClientThenOnlyThatClientWaits() {
        // issue 12 item 3: three free failures, then a delay before the next attempt — for this (name, client) only
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "operador", QueueFixtures.PIN, "OPERATOR");
        String tablet = fixtures.staffTablet(tenant, "tablet-1");
        String counter = fixtures.staffTablet(tenant, "tablet-2");
        for (int i = 0; i < 4; i++) {
            fixtures.pinLogin(tenant, "operador", "000" + i, tablet).expectStatus().isUnauthorized();
        }
        fixtures.pinLogin(tenant, "operador", "1234", tablet).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L))
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/login-locked")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("segundo"));
        // the operator at another tablet, and the same name's password from another address, are not held up
        fixtures.pinLogin(tenant, "operador", "1234", counter).expectStatus().isOk();
        http.post().uri("/api/v1/auth/login").header("X-Forwarded-For", "203.0.113.8")
                .bodyValue(Map.of("tenant", tenant, "username", "operador", "password", QueueFixtures.PASSWORD)).exchange()
                .expectStatus().isOk();
        // an unknown name waits exactly the same way: the delay reveals nothing
        for (int i = 0; i < 4; i++) {
            login(tenant, "fantasma", "password", "errada-123").expectStatus().isUnauthorized();
        }
        login(tenant, "fantasma", "password", "errada-123").expectStatus().isEqualTo(429);
        // other tenants are not affected
        String other = QueueFixtures.newTenant();
        fixtures.user(other, "operador", null, "OPERATOR");
        login(other, "operador", "password", QueueFixtures.PASSWORD).expectStatus().isOk();
    }

    @Test
    void whenStrangersGuessAKiosksSecretThenTheKioskStillGetsItsToken() {
        // issue 12 item 3: nobody outside can lock a device out
        String tenant = QueueFixtures.newTenant();
        fixtures.device(tenant, "kiosk-1", DeviceKind.KIOSK);
        for (int i = 0; i < 8; i++) {
            http.post().uri("/api/v1/auth/device-token").header("X-Forwarded-For", "198.51.100.23")
                    .bodyValue(Map.of("tenant", tenant, "deviceId", "kiosk-1", "secret", "adivinha-" + i)).exchange()
                    .expectStatus().value(s -> assertThat(s).isIn(401, 429));
        }
        http.post().uri("/api/v1/auth/device-token").header("X-Forwarded-For", "198.51.100.23")
                .bodyValue(Map.of("tenant", tenant, "deviceId", "kiosk-1", "secret", QueueFixtures.PASSWORD)).exchange()
                .expectStatus().isEqualTo(429);
        assertThat(fixtures.deviceToken(tenant, "kiosk-1")).isNotBlank();
    }

    @Test
    void whenOneAddressTriesANameAnEleventhTimeInAMinuteThen429EvenWithTheRightPassword() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        // successes clear the lockout counter; the attempt limit counts every try
        for (int i = 0; i < 10; i++) {
            login(tenant, "gerente", "password", QueueFixtures.PASSWORD).expectStatus().isOk();
        }
        login(tenant, "GERENTE", "password", QueueFixtures.PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/too-many-requests");
        // the same name from another client, named by a trusted proxy (the gateway on 127.0.0.1), is its own key
        http.post().uri("/api/v1/auth/login").header("X-Forwarded-For", "203.0.113.7")
                .bodyValue(Map.of("tenant", tenant, "username", "gerente", "password", QueueFixtures.PASSWORD)).exchange()
                .expectStatus().isOk();
        // and another name from this address is not affected
        fixtures.user(tenant, "outro", null, "MANAGER");
        login(tenant, "outro", "password", QueueFixtures.PASSWORD).expectStatus().isOk();
    }

    @Test
    void whenParallelGuessesRaceThenNoMoreThanTheFreeOnesAndOneMoreAreChecked() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "operador", QueueFixtures.PIN, "OPERATOR");
        String tablet = fixtures.staffTablet(tenant, "tablet-1");
        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 12)
                .flatMap(i -> org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port)
                        .post().uri("/api/v1/auth/login").header("Authorization", "Bearer " + tablet)
                        .bodyValue(Map.of("tenant", tenant, "username", "operador", "pin", "99" + (10 + i)))
                        .exchangeToMono(r -> reactor.core.publisher.Mono.just(r.statusCode().value())))
                .collectList().block(Duration.ofSeconds(60));
        // three free failures, the fourth sets the first delay: every other guess waits
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(8);
    }

    @Test
    void whenRefreshTokenIsUsedTwiceThenTheWholeFamilyIsRevoked() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        JsonNode first = fixtures.tokens(tenant, "gerente");
        String r1 = first.get("refreshToken").asString();

        JsonNode second = refresh(r1).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        String r2 = second.get("refreshToken").asString();
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.get("accessToken").asString()).isNotEqualTo(first.get("accessToken").asString());

        // r1 replayed (stolen): refused, and r2, rotated from it, dies with it
        refresh(r1).expectStatus().isUnauthorized().expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/refresh-token-reused");
        refresh(r2).expectStatus().isUnauthorized().expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/invalid-refresh-token");

        // another login of the same user is a different family and still works
        JsonNode other = fixtures.tokens(tenant, "gerente");
        refresh(other.get("refreshToken").asString()).expectStatus().isOk();
        refresh("not-a-token").expectStatus().isUnauthorized();
    }

    @Test
    void whenLoggedOutThenTheRefreshTokenNoLongerWorks() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        String refresh = fixtures.tokens(tenant, "gerente").get("refreshToken").asString();
        http.post().uri("/api/v1/auth/logout").bodyValue(Map.of("refreshToken", refresh)).exchange().expectStatus().isNoContent();
        refresh(refresh).expectStatus().isUnauthorized();
        http.post().uri("/api/v1/auth/logout").bodyValue(Map.of("refreshToken", "unknown")).exchange().expectStatus().isNoContent();
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", token)).exchange();
    }

    @Test
    void whenDeviceShowsItsSecretThenItGetsATokenWithItsKindAsRole() throws Exception {
        String tenant = QueueFixtures.newTenant();
        fixtures.device(tenant, "kiosk-1", DeviceKind.KIOSK);
        fixtures.device(tenant, "panel-1", DeviceKind.PANEL);
        JsonNode kiosk = claims(fixtures.deviceToken(tenant, "kiosk-1"));
        assertThat(kiosk.get("sub").asString()).isEqualTo("kiosk-1");
        assertThat(kiosk.get("roles").toString()).isEqualTo("[\"KIOSK\"]");
        assertThat(claims(fixtures.deviceToken(tenant, "panel-1")).get("roles").toString()).isEqualTo("[\"PANEL\"]");
        http.post().uri("/api/v1/auth/device-token").bodyValue(Map.of("tenant", tenant, "deviceId", "kiosk-1", "secret", "errado-123"))
                .exchange().expectStatus().isUnauthorized();
        // a kiosk is not staff
        http.get().uri("/api/v1/users").header("Authorization", "Bearer " + fixtures.deviceToken(tenant, "kiosk-1"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whenKeysRotateThenOldTokensStayValidAndNewOnesUseTheNewKid() throws Exception {
        String tenant = PLATFORM;
        if (context.getBean(br.com.totem.queue.identity.store.UserStore.class).byUsername(PLATFORM, "admin").blockOptional().isEmpty()) {
            fixtures.user(tenant, "admin", null, "ADMIN");
        }
        String before = fixtures.login(tenant, "admin");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = http.post().uri("/api/v1/auth/keys/rotate").header("Authorization", "Bearer " + before)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = fixtures.login(tenant, "admin");
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        // the token signed before the rotation is still accepted
        http.get().uri("/api/v1/users").header("Authorization", "Bearer " + before).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/users").header("Authorization", "Bearer " + after).exchange().expectStatus().isOk();

        JsonNode jwks = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(k -> {
            kids.add(k.get("kid").asString());
            assertThat(k.has("d")).as("no private part in the JWKS").isFalse();
            assertThat(k.get("kty").asString()).isEqualTo("RSA");
        });
        assertThat(kids).contains(oldKid, newKid);

        // only an admin rotates — and only the platform's: another tenant's ADMIN is refused (issue 12 Low)
        String other = QueueFixtures.newTenant();
        fixtures.user(other, "gerente", null, "MANAGER");
        http.post().uri("/api/v1/auth/keys/rotate").header("Authorization", "Bearer " + fixtures.login(other, "gerente"))
                .exchange().expectStatus().isForbidden();
        fixtures.user(other, "admin", null, "ADMIN");
        http.post().uri("/api/v1/auth/keys/rotate").header("Authorization", "Bearer " + fixtures.login(other, "admin"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("administrador da plataforma"));
    }

    @Test
    void whenStoredSigningKeysAreReadThenTheirPrivatePartsAreEncrypted() {
        var db = context.getBean(org.springframework.r2dbc.core.DatabaseClient.class);
        List<Map<String, Object>> rows = db.sql("select kid, private_key_enc, public_jwk from signing_key").fetch().all()
                .collectList().block(Duration.ofSeconds(10));
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            String cipherText = new String(toBytes(row.get("private_key_enc")), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(cipherText).doesNotContain("BEGIN").doesNotContain("\"d\"");
            assertThat((String) row.get("public_jwk")).doesNotContain("\"d\"");
        }
    }

    private static byte[] toBytes(Object o) {
        if (o instanceof java.nio.ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
        return (byte[]) o;
    }

    @Test
    void whenManagerSetsUpUsersDevicesAndStationsThenEachChangeIsAudited() {
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        String manager = fixtures.login(tenant, "gerente");

        JsonNode created = http.post().uri("/api/v1/users").header("Authorization", "Bearer " + manager)
                .bodyValue(Map.of("username", "joana", "displayName", "Joana P.", "roles", List.of("OPERATOR"),
                        "password", "senha-da-joana", "pin", "4321"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(created.get("hasPin").asBoolean()).isTrue();
        assertThat(created.has("passwordHash")).isFalse();
        String id = created.get("id").asString();
        fixtures.pinLogin(tenant, "joana", "4321", fixtures.staffTablet(tenant, "tablet-1")).expectStatus().isOk();

        http.post().uri("/api/v1/users").header("Authorization", "Bearer " + manager)
                .bodyValue(Map.of("username", "joana", "displayName", "Outra", "roles", List.of("OPERATOR"), "password", "senha-da-outra"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/username-taken");
        // a manager cannot make an admin
        http.post().uri("/api/v1/users").header("Authorization", "Bearer " + manager)
                .bodyValue(Map.of("username", "chefe", "displayName", "Chefe", "roles", List.of("ADMIN"), "password", "senha-do-chefe"))
                .exchange().expectStatus().isForbidden();

        // a new password ends open logins
        String joanaRefresh = login(tenant, "joana", "password", "senha-da-joana").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("refreshToken").asString();
        http.put().uri("/api/v1/users/" + id).header("Authorization", "Bearer " + manager)
                .bodyValue(Map.of("password", "outra-senha-da-joana")).exchange().expectStatus().isOk();
        refresh(joanaRefresh).expectStatus().isUnauthorized();

        http.post().uri("/api/v1/devices").header("Authorization", "Bearer " + manager)
                .bodyValue(Map.of("deviceId", "kiosk-9", "kind", "KIOSK", "name", "Totem da entrada", "secret", "segredo-do-kiosk",
                        "printerId", UUID.randomUUID().toString()))
                .exchange().expectStatus().isCreated();
        UUID station = fixtures.station(manager, "Banheira 9");

        assertThat(audit.entries(tenant, "user", id).collectList().block(Duration.ofSeconds(10)))
                .extracting(AuditLog.Entry::action).containsExactly("user.create", "user.update");
        assertThat(audit.entries(tenant, "device", "kiosk-9").collectList().block(Duration.ofSeconds(10)))
                .extracting(AuditLog.Entry::action).containsExactly("device.create");
        assertThat(audit.entries(tenant, "station", station.toString()).collectList().block(Duration.ofSeconds(10)))
                .singleElement().satisfies(e -> assertThat(e.details()).contains("Banheira 9"));
        assertThat(audit.entries(tenant, "user", id).blockFirst(Duration.ofSeconds(10)).details())
                .doesNotContain("senha-da-joana").doesNotContain("4321");
    }

    @Test
    void whenAnotherTenantsManagerAsksThenUsersDevicesAndStationsAreInvisible() {
        String tenant = QueueFixtures.newTenant();
        StaffUser op = fixtures.user(tenant, "operador", null, "OPERATOR");
        fixtures.user(tenant, "gerente", null, "MANAGER");
        fixtures.device(tenant, "kiosk-1", DeviceKind.KIOSK);
        UUID station = fixtures.station(fixtures.login(tenant, "gerente"), "Bota 1");

        String other = QueueFixtures.newTenant();
        fixtures.user(other, "gerente", null, "MANAGER");
        String intruder = fixtures.login(other, "gerente");
        for (String path : List.of("/api/v1/users/" + op.id(), "/api/v1/devices/kiosk-1", "/api/v1/stations/" + station)) {
            http.get().uri(path).header("Authorization", "Bearer " + intruder).exchange().expectStatus().isNotFound();
        }
        http.put().uri("/api/v1/users/" + op.id()).header("Authorization", "Bearer " + intruder)
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isNotFound();
        http.put().uri("/api/v1/stations/" + station).header("Authorization", "Bearer " + intruder)
                .bodyValue(Map.of("name", "Roubada")).exchange().expectStatus().isNotFound();
        http.put().uri("/api/v1/devices/kiosk-1").header("Authorization", "Bearer " + intruder)
                .bodyValue(Map.of("secret", "roubado-123")).exchange().expectStatus().isNotFound();
        for (String path : List.of("/api/v1/devices", "/api/v1/stations")) {
            http.get().uri(path).header("Authorization", "Bearer " + intruder).exchange().expectStatus().isOk()
                    .expectBody().json("[]");
        }
        http.get().uri("/api/v1/users").header("Authorization", "Bearer " + intruder).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].username").isEqualTo("gerente");
        // operators cannot set up
        http.post().uri("/api/v1/stations").header("Authorization", "Bearer " + fixtures.login(tenant, "operador"))
                .bodyValue(Map.of("name", "X")).exchange().expectStatus().isForbidden();
    }

    @Test
    void whenLoginDataHasNoReasonToStayThenTheHourlyJobDeletesIt() {
        // issue 12 item 13: throttle rows and refresh tokens are not kept for ever
        String tenant = QueueFixtures.newTenant();
        fixtures.user(tenant, "gerente", null, "MANAGER");
        String fresh = fixtures.tokens(tenant, "gerente").get("refreshToken").asString();
        login(tenant, "gerente", "password", "errada-123").expectStatus().isUnauthorized();
        var db = context.getBean(org.springframework.r2dbc.core.DatabaseClient.class);
        db.sql("insert into login_throttle (tenant_id, principal, client, failures, last_failure) values (:t, 'user:velho', 'address:203.0.113.1', 2, now() - interval '2 days')")
                .bind("t", tenant).then().block(QueueFixtures.BOUND);
        db.sql("insert into refresh_token (id, family_id, tenant_id, subject_kind, subject_id, granted_roles, token_hash, expires_at)"
                        + " values (gen_random_uuid(), gen_random_uuid(), :t, 'USER', 'x', '{MANAGER}', decode(md5(random()::text), 'hex'), now() - interval '8 days')")
                .bind("t", tenant).then().block(QueueFixtures.BOUND);

        var jobs = context.getBean(br.com.totem.platform.jobs.PeriodicJobs.class);
        var job = context.getBean("identityPruning", br.com.totem.platform.jobs.PeriodicJob.class);
        assertThat(jobs.runOnce(job).block(QueueFixtures.BOUND)).isTrue();

        assertThat(db.sql("select principal from login_throttle where tenant_id = :t").bind("t", tenant)
                .map(r -> r.get(0, String.class)).all().collectList().block(QueueFixtures.BOUND)).containsExactly("user:gerente");
        assertThat(db.sql("select count(*) from refresh_token where tenant_id = :t").bind("t", tenant)
                .map(r -> r.get(0, Long.class)).one().block(QueueFixtures.BOUND)).isEqualTo(1);
        refresh(fresh).expectStatus().isOk();
    }
}
