package br.com.totem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;

import tools.jackson.databind.JsonNode;

/**
 * The kiosk (web/kiosk) and the customer's status page (web/status) in Chromium, on the real
 * suite through the gateway, touched only through the screen (the on-screen keyboard types the
 * data). The bank is the Pix sandbox, the printer the ESC/POS sandbox. Every kiosk screen is
 * saved to e2e/target/screenshots/kiosk-*.png and scanned by axe-core (WCAG 2.2 A/AA).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);
    static final String ICE = "Banheira de Gelo";

    Suite suite;
    Browsers browsers;
    GatewayClient api;
    final Map<String, String> pairedState = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        browsers = Browsers.shared();
        api = new GatewayClient(suite.gatewayUrl());
    }

    // ------------------------------------------------------------------ helpers

    final List<BrowserContext> contexts = new java.util.ArrayList<>();

    /** A context closed after the test; when the test failed, its pages are saved as failed-<test>-<n>.png first. */
    BrowserContext track(BrowserContext context) {
        contexts.add(context);
        return context;
    }

    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback failureShots = ctx -> {
        if (ctx.getExecutionException().isPresent()) {
            int n = 0;
            for (BrowserContext c : contexts) {
                for (Page p : c.pages()) {
                    try {
                        Browsers.screenshot(p, "failed-" + ctx.getRequiredTestMethod().getName() + "-" + n++);
                    } catch (RuntimeException ignored) {
                        // the page may be gone; the failure itself is what matters
                    }
                }
            }
        }
    };

    @org.junit.jupiter.api.AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A kiosk of the tenant, paired through its setup screen once and then reused (its localStorage). */
    BrowserContext kiosk(String tenant, Browsers.Viewport viewport) {
        String state = pairedState.computeIfAbsent(tenant, t -> {
            try (BrowserContext fresh = browsers.context(suite.gatewayUrl(), viewport)) {
                Page page = fresh.newPage();
                page.navigate("/kiosk/");
                pair(page, t, "kiosk-1", Suite.DEMO_SECRET);
                assertThat(screen(page, "start")).isVisible(SOON);
                return fresh.storageState();
            }
        });
        return browsers.context(suite.gatewayUrl(), viewport, state);
    }

    static void pair(Page page, String tenant, String deviceId, String secret) {
        assertThat(screen(page, "setup")).isVisible(SOON);
        page.getByTestId("tenant").fill(tenant);
        page.getByTestId("deviceId").fill(deviceId);
        page.getByTestId("secret").fill(secret);
        page.getByTestId("pair").click();
    }

    static Locator screen(Page page, String name) {
        return page.locator("[data-screen=\"" + name + "\"]");
    }

    /** Types with the on-screen keyboard into the focused field (letters, digits and spaces). */
    static void tap(Page page, String text) {
        for (char c : text.toCharArray()) {
            String key = c == ' ' ? "ESPAÇO" : String.valueOf(Character.isLetter(c) ? Character.toUpperCase(c) : c);
            page.locator(".keyboard [data-key=\"" + key + "\"]").click();
        }
    }

    /** Service → data typed on screen → consent screen. */
    static void toConsent(Page page, String service, String name, String cpf, String phone) {
        assertThat(screen(page, "start")).isVisible(SOON);
        Locator services = page.getByTestId("service");
        (service.isEmpty() ? services.first() : services.filter(new Locator.FilterOptions().setHasText(service))).click();
        assertThat(screen(page, "data")).isVisible();
        page.getByTestId("name").click();
        tap(page, name);
        page.getByTestId("cpf").click();
        tap(page, cpf);
        page.getByTestId("phone").click();
        tap(page, phone);
        page.getByTestId("continue").click();
        assertThat(screen(page, "consent")).isVisible(SOON);
        assertThat(page.getByTestId("consent-text")).not().isEmpty();
    }

    /** Accepts the consent and waits for the Pix: the charge's answer as the kiosk got it. */
    static JsonNode acceptAndGetPix(Page page) {
        Response link = page.waitForResponse(r -> r.url().endsWith("/api/v1/payments/link") && r.status() == 200,
                new Page.WaitForResponseOptions().setTimeout(60_000), () -> page.getByTestId("accept").click());
        assertThat(screen(page, "pay")).isVisible(SOON);
        return GatewayClient.JSON.readTree(link.text());
    }

    void bankPays(String txid) {
        var pay = new GatewayClient(suite.pixPspUrl()).post("/sandbox/cob/" + txid + "/pay", null, Map.of());
        assertThat(pay.status()).as("sandbox pay: %s", pay.body()).isEqualTo(200);
    }

    /** axe-core over the page as it is: no serious or critical WCAG 2.2 A/AA violation. */
    static void accessible(Page page, String what) {
        List<Rule> violations = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze().getViolations();
        assertThat(violations.stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList()))
                .as("axe on %s", what).isEmpty();
    }

    /** Nothing wider than the screen: a touch kiosk never scrolls sideways. */
    static void fitsTheScreen(Page page, String what) {
        Object wider = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        assertThat(wider).as("%s scrolls sideways", what).isEqualTo(false);
    }

    static void check(Page page, String shot) {
        accessible(page, shot);
        fitsTheScreen(page, shot);
        Browsers.screenshot(page, shot);
    }

    /** Everything the browser holds for the page: DOM, localStorage, sessionStorage and the outbox. */
    static String everythingKept(Page page) {
        return page.content() + "\n" + page.evaluate("""
                async () => {
                  const outbox = await new Promise((resolve) => {
                    const req = indexedDB.open('totem-kiosk', 1);
                    req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'key' });
                    req.onsuccess = () => {
                      const db = req.result;
                      const all = db.transaction('outbox').objectStore('outbox').getAll();
                      all.onsuccess = () => { db.close(); resolve(all.result); };
                    };
                  });
                  const values = [...document.querySelectorAll('input')].map((i) => i.value);
                  return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, outbox, values });
                }""");
    }

    static int outboxSize(Page page) {
        return ((Number) page.evaluate("""
                async () => new Promise((resolve) => {
                  const req = indexedDB.open('totem-kiosk', 1);
                  req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'key' });
                  req.onsuccess = () => {
                    const db = req.result;
                    const n = db.transaction('outbox').objectStore('outbox').count();
                    n.onsuccess = () => { db.close(); resolve(n.result); };
                  };
                })""")).intValue();
    }

    /** The tickets the tenant holds for this CPF (the manager's LGPD export). */
    int ticketsOf(String tenant, String cpf) {
        var export = api.post("/api/v1/customers/export", api.manager(tenant), Map.of("cpf", cpf));
        if (export.status() == 404) {
            return 0;
        }
        assertThat(export.status()).as("%s", export.body()).isEqualTo(200);
        return export.body().get("tickets").size();
    }

    static String masked(String cpf) {
        return cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aCustomerBuysPaysByPixGetsTheNumberAndThePrintedTicketAndFollowsItOnThePhone() {
        String cpf = GatewayClient.randomCpf();
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            List<String> errors = Browsers.collectErrors(page);
            page.navigate("/kiosk/");
            assertThat(screen(page, "start")).isVisible(SOON);
            assertThat(page.getByTestId("service").first()).isVisible(SOON);
            assertThat(page.getByTestId("service").filter(new Locator.FilterOptions().setHasText(ICE)))
                    .containsText("R$\u00a060,00");
            check(page, "kiosk-1-start");

            page.getByTestId("service").filter(new Locator.FilterOptions().setHasText(ICE)).click();
            assertThat(screen(page, "data")).isVisible();
            page.getByTestId("name").click();
            check(page, "kiosk-2-data-keyboard");
            tap(page, "Maria Silva");
            assertThat(page.getByTestId("name")).hasValue("Maria Silva");
            page.getByTestId("cpf").click();
            assertThat(page.locator(".keyboard")).hasAttribute("data-layout", "digits");
            tap(page, cpf);
            assertThat(page.getByTestId("cpf")).hasValue(masked(cpf));
            page.getByTestId("phone").click();
            tap(page, "11987654321");
            assertThat(page.getByTestId("phone")).hasValue("(11) 98765-4321");
            check(page, "kiosk-3-data");
            page.getByTestId("continue").click();

            assertThat(screen(page, "consent")).isVisible(SOON);
            check(page, "kiosk-4-consent");
            JsonNode link = acceptAndGetPix(page);
            assertThat(page.getByTestId("amount")).hasText("R$\u00a060,00");
            assertThat(page.getByTestId("countdown")).hasText(java.util.regex.Pattern.compile("0[0-5]:\\d\\d"));
            assertThat(page.getByTestId("pix-qr")).isVisible();
            assertThat(page.getByTestId("pix-code")).hasText(link.get("pixCopiaECola").asString());
            check(page, "kiosk-5-pay");

            bankPays(link.get("txid").asString());
            assertThat(screen(page, "done")).isVisible(SOON);
            String number = page.getByTestId("number").textContent();
            assertThat(number).matches("G\\d{3}");
            assertThat(page.getByTestId("print-status")).hasAttribute("data-print", "PRINTED",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            assertThat(page.getByTestId("print-status")).hasText("Retire seu ticket logo abaixo.");
            assertThat(page.getByTestId("status-qr")).isVisible();
            check(page, "kiosk-6-done");
            var paper = new GatewayClient(suite.printerUrl()).get("/sandbox/tickets", null);
            assertThat(paper.body().toString()).as("ticket %s on the sandbox printer's paper", number).contains(number);
            // answers the kiosk expects and handles (e.g. 404 while the new ticket reaches payment-service) are not errors
            assertThat(errors).as("console errors").allMatch(e -> e.startsWith("Failed to load resource"));

            // the customer's phone opens the QR: the status page, no personal data, updating by itself
            String qr = page.getByTestId("status-qr").getAttribute("src");
            String token = qr.replaceFirst("^/t/", "").replaceFirst("/qr\\.svg$", "");
            {
                BrowserContext phone = track(browsers.context(suite.gatewayUrl(), Browsers.Viewport.PHONE));
                Page status = phone.newPage();
                status.navigate("/t/" + token);
                assertThat(status.getByTestId("number")).hasText(number, new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
                assertThat(status.getByTestId("status")).hasAttribute("data-status", "WAITING");
                assertThat(status.locator("body")).not().containsText("Maria");
                accessible(status, "status page");
                Browsers.screenshot(status, "status-1-waiting");

                Runnable finish = callUntil(number);
                assertThat(status.getByTestId("status")).hasAttribute("data-status", "CALLED",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
                assertThat(status.getByTestId("status")).containsText("Banheira 1");
                Browsers.screenshot(status, "status-2-called");
                finish.run();
            }
        }
    }

    /**
     * The operator at Banheira 1 calls the next ticket until it is this one (others left by earlier
     * tests are served first); returns how to finish it and close the session.
     */
    Runnable callUntil(String number) {
        String operator = api.operator("demo");
        String station = null;
        for (JsonNode st : api.get("/api/v1/stations", operator).body()) {
            if ("Banheira 1".equals(st.get("name").asString())) {
                station = st.get("id").asString();
            }
        }
        var session = api.post("/api/v1/queue/sessions", operator, Map.of("stationId", station));
        assertThat(session.status()).as("%s", session.body()).isIn(200, 201);
        String sessionId = session.body().get("id").asString();
        for (int i = 0; i < 30; i++) {
            var called = await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.post("/api/v1/queue/call-next", operator, Map.of("sessionId", sessionId)), a -> a.status() == 200);
            String ticketId = called.body().get("ticketId").asString();
            if (number.equals(called.body().get("number").asString())) {
                return () -> {
                    api.post("/api/v1/queue/tickets/" + ticketId + "/start", operator, Map.of());
                    api.post("/api/v1/queue/tickets/" + ticketId + "/finish", operator, Map.of());
                    api.send("DELETE", "/api/v1/queue/sessions/" + sessionId, operator, null, Map.of());
                };
            }
            api.post("/api/v1/queue/tickets/" + ticketId + "/start", operator, Map.of());
            api.post("/api/v1/queue/tickets/" + ticketId + "/finish", operator, Map.of());
        }
        throw new AssertionError(number + " was never called");
    }

    @Test
    void theKioskFitsALandscapeScreenToo() {
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.LANDSCAPE));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            assertThat(page.getByTestId("service").first()).isVisible(SOON);
            check(page, "kiosk-landscape-1-start");
            page.getByTestId("service").filter(new Locator.FilterOptions().setHasText(ICE)).click();
            page.getByTestId("cpf").click();
            tap(page, "52998224725");
            check(page, "kiosk-landscape-2-data");
            page.getByTestId("back").click();
            assertThat(screen(page, "start")).isVisible(SOON);
        }
    }

    @Test
    void anInvalidCpfOrPhoneIsRefusedBesideTheFieldAndByTheApi() {
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            assertThat(page.getByTestId("service").first()).isVisible(SOON);
            page.getByTestId("service").filter(new Locator.FilterOptions().setHasText(ICE)).click();
            page.getByTestId("name").click();
            tap(page, "Ana Lima");
            page.getByTestId("cpf").click();
            tap(page, "52998224724"); // last check digit wrong
            assertThat(page.getByTestId("cpf-error")).hasText("CPF inválido: confira os números digitados.");
            page.getByTestId("phone").click();
            tap(page, "11887654321"); // eleven digits not starting with 9
            assertThat(page.getByTestId("phone-error")).containsText("Telefone inválido");
            page.getByTestId("continue").click();
            assertThat(screen(page, "data")).isVisible();
            assertThat(page.getByTestId("cpf")).hasAttribute("aria-invalid", "true");
            check(page, "kiosk-7-data-errors");
        }
        // the API refuses the same data with a problem naming each field
        String kiosk = api.deviceToken("demo", "kiosk-1");
        String service = api.get("/api/v1/services", kiosk).body().get(0).get("id").asString();
        int version = api.get("/api/v1/consents/current", kiosk).body().get("version").asInt();
        var refused = api.send("POST", "/api/v1/tickets", kiosk, Map.of("serviceId", service,
                        "customer", Map.of("name", "Ana Lima", "cpf", "529.982.247-24", "phone", "(11) 88765-4321"),
                        "consent", Map.of("version", version, "accepted", true)),
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").toString()).contains("customer.cpf", "customer.phone");
    }

    @Test
    void aCustomerWhoRefusesTheConsentIsThankedAndNothingIsKept() {
        String cpf = GatewayClient.randomCpf();
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            toConsent(page, ICE, "Paulo Neves", cpf, "11987654321");
            page.getByTestId("refuse").click();
            assertThat(screen(page, "refused")).isVisible();
            assertThat(page.locator("h1")).hasText("Tudo bem!");
            check(page, "kiosk-8-refused");
            assertThat(everythingKept(page)).doesNotContain("Paulo", cpf, masked(cpf), "98765");
            page.getByTestId("to-start").click();
            assertThat(screen(page, "start")).isVisible(SOON);
        }
        assertThat(ticketsOf("demo", cpf)).isZero();
    }

    @Test
    void aPixNotPaidInTimeExpiresAndTheKioskStartsOver() throws Exception {
        // the other studio's charges live 20 s for this test (no API sets a tenant's Pix lifetime)
        suite.sql("payment", "update provider_settings set charge_expiry_seconds = 20 where tenant_id = 'outro'");
        try {
            BrowserContext context = track(kiosk("outro", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            toConsent(page, "", "Rita Souza", GatewayClient.randomCpf(), "41987654321");
            acceptAndGetPix(page);
            assertThat(screen(page, "expired")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
            assertThat(page.locator("h1")).hasText("O tempo para pagar acabou");
            check(page, "kiosk-9-expired");
            page.getByTestId("to-start").click();
            assertThat(screen(page, "start")).isVisible(SOON);
        } finally {
            suite.sql("payment", "update provider_settings set charge_expiry_seconds = 300 where tenant_id = 'outro'");
        }
    }

    @Test
    void whenTheBankFailsTheCustomerRetriesOrPaysAtTheCounterWithOneTicket() {
        String cpf = GatewayClient.randomCpf();
        var bank = new GatewayClient(suite.pixPspUrl());
        bank.send("PUT", "/sandbox/faults", null, Map.of("unavailableClients", List.of("totem-demo")), Map.of());
        try {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            toConsent(page, ICE, "Bruno Alves", cpf, "11987654321");
            page.getByTestId("accept").click();
            assertThat(screen(page, "error")).isVisible(SOON);
            assertThat(page.locator("h1")).hasText("O banco não está respondendo");
            assertThat(page.getByTestId("pay-at-counter")).isVisible();
            check(page, "kiosk-10-bank-down");
            // still down: the retry answers the same, with the same ticket
            page.getByTestId("retry").click();
            assertThat(page.getByTestId("pay-at-counter")).isVisible(SOON);
            page.getByTestId("pay-at-counter").click();
            assertThat(screen(page, "counter")).isVisible();
            check(page, "kiosk-11-pay-at-counter");

            // the manager takes the money at the counter; the kiosk, still showing the code, moves on by itself
            String manager = api.manager("demo");
            JsonNode ticket = api.post("/api/v1/customers/export", manager, Map.of("cpf", cpf)).body().get("tickets").get(0);
            String ticketId = ticket.get("id").asString();
            assertThat(page.getByTestId("counter-code")).hasText(ticketId.substring(0, 8).toUpperCase());
            var manual = api.post("/api/v1/payments/manual", manager, Map.of("ticketId", ticketId, "method", "CASH"));
            assertThat(manual.status()).as("%s", manual.body()).isEqualTo(201);
            assertThat(screen(page, "done")).isVisible(SOON);
            assertThat(page.getByTestId("number")).hasText(java.util.regex.Pattern.compile("G\\d{3}"));
        } finally {
            bank.send("DELETE", "/sandbox/faults", null, null, Map.of());
        }
        assertThat(ticketsOf("demo", cpf)).isEqualTo(1);
    }

    @Test
    void aCustomerOnThePixScreenMayPayAtTheCounterWhereTheStudioTakesIt() {
        String cpf = GatewayClient.randomCpf();
        BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
        Page page = context.newPage();
        page.navigate("/kiosk/");
        toConsent(page, ICE, "Paula Dias", cpf, "11987654321");
        JsonNode link = acceptAndGetPix(page);
        // the demo studio's providers include MANUAL: the Pix screen offers the counter too
        assertThat(link.get("manualPaymentAvailable").asBoolean()).isTrue();
        page.getByTestId("pay-at-counter").click();
        assertThat(screen(page, "counter")).isVisible(SOON);

        String manager = api.manager("demo");
        JsonNode ticket = api.post("/api/v1/customers/export", manager, Map.of("cpf", cpf)).body().get("tickets").get(0);
        String ticketId = ticket.get("id").asString();
        assertThat(page.getByTestId("counter-code")).hasText(ticketId.substring(0, 8).toUpperCase());
        var manual = api.post("/api/v1/payments/manual", manager, Map.of("ticketId", ticketId, "method", "CARD"));
        assertThat(manual.status()).as("%s", manual.body()).isEqualTo(201);
        assertThat(screen(page, "done")).isVisible(SOON);
        assertThat(page.getByTestId("number")).hasText(java.util.regex.Pattern.compile("G\\d{3}"));
        // the open Pix was taken over at the counter: the bank no longer holds it as payable
        String txid = link.get("txid").asString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var now = new GatewayClient(suite.pixPspUrl()).get("/sandbox/cobs", null).body();
            String status = null;
            for (JsonNode c : now) {
                if (txid.equals(c.get("txid").asString())) status = c.get("status").asString();
            }
            assertThat(status).isEqualTo("REMOVIDA_PELO_USUARIO_RECEBEDOR");
        });
        assertThat(ticketsOf("demo", cpf)).isEqualTo(1);
    }

    @Test
    void theNetworkCutAtEveryStepAndRestoredMakesExactlyOneTicketAndOneCharge() {
        String cpf = GatewayClient.randomCpf();
        var bank = new GatewayClient(suite.pixPspUrl());
        int cobsBefore = bank.get("/sandbox/cobs", null).body().size();
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            // the start screen: offline shows the banner, back online hides it
            assertThat(page.getByTestId("service").first()).isVisible(SOON);
            context.setOffline(true);
            assertThat(page.getByTestId("offline")).isVisible();
            context.setOffline(false);
            assertThat(page.getByTestId("offline")).isHidden();

            toConsent(page, ICE, "Carla Dias", cpf, "11987654321");
            // 1. the ticket request reaches the server but its answer is lost: sent again with the same key
            AtomicInteger ticketPosts = new AtomicInteger();
            java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
            context.route("**/api/v1/tickets", route -> {
                keys.add(route.request().headerValue("idempotency-key"));
                if (ticketPosts.incrementAndGet() == 1) {
                    route.fetch(); // the server does it…
                    route.abort("connectionreset"); // …and the answer never arrives
                } else {
                    route.resume();
                }
            });
            // 2. the network is down when the Pix is asked for: it waits in IndexedDB
            AtomicInteger linkPosts = new AtomicInteger();
            context.route("**/api/v1/payments/link", route -> {
                if (linkPosts.incrementAndGet() == 1) {
                    context.setOffline(true);
                    route.abort("internetdisconnected");
                } else {
                    route.resume();
                }
            });
            page.getByTestId("accept").click();
            page.waitForCondition(() -> linkPosts.get() >= 1, new Page.WaitForConditionOptions().setTimeout(60_000));
            assertThat(page.getByTestId("offline")).isVisible(SOON);
            assertThat(screen(page, "waiting")).isVisible();
            assertThat(page.getByTestId("waiting-network")).isVisible();
            assertThat(outboxSize(page)).isEqualTo(1);
            check(page, "kiosk-12-offline");
            context.setOffline(false);
            assertThat(screen(page, "pay")).isVisible(SOON);
            assertThat(outboxSize(page)).isZero();
            assertThat(keys).as("one Idempotency-Key for every attempt of the ticket").hasSize(1);
            assertThat(ticketPosts.get()).isGreaterThanOrEqualTo(2);

            // 3. offline while the customer pays on the phone: the payment is found on reconnection
            String txid = bank.get("/sandbox/cobs", null).body().get(0).get("txid").asString();
            context.setOffline(true);
            bankPays(txid);
            page.waitForTimeout(3_000); // polls fail meanwhile: the screen stays, the banner shows
            assertThat(screen(page, "pay")).isVisible();
            assertThat(page.getByTestId("offline")).isVisible();
            context.setOffline(false);
            assertThat(screen(page, "done")).isVisible(SOON);
            assertThat(page.getByTestId("number")).hasText(java.util.regex.Pattern.compile("G\\d{3}"));
        }
        assertThat(ticketsOf("demo", cpf)).as("tickets for the CPF").isEqualTo(1);
        assertThat(bank.get("/sandbox/cobs", null).body().size() - cobsBefore).as("charges at the bank").isEqualTo(1);
    }

    @Test
    void aCustomerWhoWalksAwayIsForgottenDomStorageAndOutbox() {
        String cpf = GatewayClient.randomCpf();
        {
            BrowserContext context = track(kiosk("demo", Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/?idle=3&warn=8");
            assertThat(page.getByTestId("service").first()).isVisible(SOON);
            page.getByTestId("service").filter(new Locator.FilterOptions().setHasText(ICE)).click();
            page.getByTestId("name").click();
            tap(page, "Joana Prado");
            page.getByTestId("cpf").click();
            tap(page, cpf);
            assertThat(page.getByTestId("idle-dialog")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
            check(page, "kiosk-13-idle-warning");
            assertThat(screen(page, "start")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            assertThat(page.getByTestId("idle-dialog")).isHidden();
            assertThat(everythingKept(page)).doesNotContain("Joana", "Prado", cpf, masked(cpf));
        }
    }

    @Test
    void setupPairsTheKioskAndALostAccessGoesBackToSetupWithAMessage() {
        {
            BrowserContext context = track(browsers.context(suite.gatewayUrl(), Browsers.Viewport.PORTRAIT));
            Page page = context.newPage();
            page.navigate("/kiosk/");
            assertThat(screen(page, "setup")).isVisible(SOON);
            page.getByTestId("tenant").click();
            check(page, "kiosk-0-setup");
            // an unknown device (never the real one: failures lock a device for 15 minutes)
            pair(page, "demo", "kiosk-nao-existe", "errada");
            assertThat(page.getByTestId("setup-error")).hasText("Dados incorretos: confira o estúdio, a identificação e a senha do totem.");

            // a kiosk whose tokens were revoked and whose credentials no longer work
            page.evaluate("""
                    () => localStorage.setItem('totem.kiosk', JSON.stringify({ tenant: 'demo', deviceId: 'kiosk-removido',
                      secret: 'x', accessToken: 'a.b.c', refreshToken: 'revoked', expiresAt: Date.now() + 600000 }))""");
            page.reload();
            assertThat(screen(page, "setup")).isVisible(SOON);
            assertThat(page.getByTestId("setup-error")).containsText("Um gerente precisa configurá-lo novamente");
            Browsers.screenshot(page, "kiosk-0-setup-lost");
        }
    }
}
