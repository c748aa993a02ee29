package br.com.totem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * A studio's day on the staff screens, in Chromium through the gateway: the manager sets up a
 * service, stations, an operator and the TV panel in the console; the operator logs in with a
 * PIN and opens the operation; sales appear on the tablet live; each call shows on the panel and
 * is spoken; recall, start, finish, no-show and transfer change both screens; two operators
 * racing for one ticket; the tablet's network cut and restored; device tokens kept out; axe-core
 * on every screen. Sales are made through the API (the kiosk app has its own test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAppsIT {

    static final String TENANT = "demo";
    static final Browsers.Viewport TABLET = new Browsers.Viewport(1280, 800, true);
    static final Browsers.Viewport DESKTOP = new Browsers.Viewport(1366, 900, false);
    static final Browsers.Viewport TV = new Browsers.Viewport(1920, 1080, false);

    /** Every utterance the panel hands to speech synthesis, recorded instead of spoken. */
    static final String SPEECH_STUB = """
            window.__spoken = [];
            const synth = {
              speak(u) { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend(), 0); },
              cancel() {}, pause() {}, resume() {}, getVoices() { return []; }, speaking: false, pending: false,
            };
            Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
            if (!window.SpeechSynthesisUtterance) window.SpeechSynthesisUtterance = class { constructor(t) { this.text = t; } };
            """;

    Suite suite;
    Browsers browsers;
    StaffApi api;
    String manager;
    String kiosk;
    final String tag = randomLetters(3);
    final String serviceName = "Crioterapia " + tag;
    final String otherServiceName = "Sauna " + tag;
    final String stationName = "Sala " + tag;
    final String station2Name = "Sala " + tag + " 2";
    final String operator = "op-" + tag.toLowerCase(Locale.ROOT);
    final String operator2 = "op2-" + tag.toLowerCase(Locale.ROOT);
    final String panelId = "painel-" + tag.toLowerCase(Locale.ROOT);
    /** The first operator's tablet, registered in the console as a STAFF_DEVICE (a PIN only works on one). */
    final String tabletId = "tablet-" + tag.toLowerCase(Locale.ROOT);
    String serviceId;
    String otherServiceId;
    String panelSecret;
    String tabletSecret;
    final List<AutoCloseable> open = new ArrayList<>();
    final List<String> accessibility = new ArrayList<>();

    BrowserContext adminContext;
    Page admin;
    Page panel;
    Page tablet;
    BrowserContext tabletContext;
    Page tablet2;
    /** The tablet's live sockets pass through this route, so a test can cut them like a dead network. */
    final AtomicBoolean cut = new AtomicBoolean();
    final List<WebSocketRoute> tabletSockets = new CopyOnWriteArrayList<>();

    /** When a test fails, every open page is saved as failed-<test>-<n>.png (the screens tell what went wrong). */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback failureShots = ctx -> {
        if (ctx.getExecutionException().isPresent()) {
            int n = 0;
            for (AutoCloseable c : open) {
                if (c instanceof BrowserContext context) {
                    for (Page p : context.pages()) {
                        try {
                            Browsers.screenshot(p, "failed-" + ctx.getRequiredTestMethod().getName() + "-" + n++);
                        } catch (RuntimeException ignored) {
                            // a closed page: the failure itself is what matters
                        }
                    }
                }
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        browsers = Browsers.shared();
        api = new StaffApi(suite.gatewayUrl());
        manager = api.login(TENANT, "gerente", Suite.DEMO_SECRET);
        kiosk = api.deviceToken(TENANT, "kiosk-1", Suite.DEMO_SECRET);
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    static String randomLetters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    BrowserContext context(Browsers.Viewport viewport) {
        BrowserContext c = browsers.context(suite.gatewayUrl(), viewport);
        open.add(c);
        return c;
    }

    /** axe-core on the page as it is now; serious and critical violations are collected. */
    void axe(Page page, String screen) {
        for (Rule rule : new AxeBuilder(page).analyze().getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                accessibility.add(screen + ": " + rule.getId() + " " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
    }

    void shot(Page page, String name) {
        Browsers.screenshot(page, name);
    }

    // ------------------------------------------------------------------ the manager

    @Test
    @Order(1)
    void theManagerAddsAServiceAStationAnOperatorAndThePanel() {
        adminContext = context(DESKTOP);
        admin = adminContext.newPage();
        List<String> errors = Browsers.collectErrors(admin);
        admin.navigate("/admin/");
        assertThat(admin.locator("#login-tenant")).isVisible();
        axe(admin, "admin login");
        shot(admin, "admin-login");
        admin.fill("#login-tenant", TENANT);
        admin.fill("#login-username", "gerente");
        admin.fill("#login-password", Suite.DEMO_SECRET);
        admin.locator("#login button[type=submit]").click();
        assertThat(admin.locator("#page-title")).hasText("Catálogo");

        // the browser checks first; then the API's problem+json lands beside the field it names
        admin.locator("#service-form button[type=submit]").click();
        assertThat(admin.locator("#service-form #err-name")).hasText("Preencha este campo.");
        admin.fill("#service-form-name", serviceName);
        admin.fill("#service-form-priceCents", "45,00");
        admin.fill("#service-form-durationMinutes", "10");
        admin.fill("#service-form-prefix", "G");
        admin.fill("#service-form-color", "#6a1b9a");
        admin.locator("#service-form button[type=submit]").click();
        assertThat(admin.locator("#service-form #err-prefix")).hasText("Este prefixo já é usado por outro serviço.");
        assertThat(admin.locator("#service-form-prefix")).hasAttribute("aria-invalid", "true");
        admin.fill("#service-form-prefix", tag);
        admin.locator("#service-form button[type=submit]").click();
        assertThat(admin.locator("#services-table")).containsText(serviceName);
        serviceId = api.serviceId(manager, tag);
        axe(admin, "admin catalog");
        shot(admin, "admin-catalog");
        // a second service that never sells a ticket: the transfer target
        otherServiceId = api.call("POST", "/api/v1/services", manager, Map.of("name", otherServiceName, "priceCents", 5000,
                "durationMinutes", 20, "prefix", tag.substring(0, 2) + (tag.charAt(2) == 'Z' ? "Y" : "Z"), "color", "#00838F", "active", true))
                .body().get("id").asString();

        admin.navigate("/admin/#estacoes");
        assertThat(admin.locator("#page-title")).hasText("Estações");
        for (String name : List.of(stationName, station2Name)) {
            admin.fill("#station-form-name", name);
            admin.check("#station-form-serviceIds-" + serviceId);
            admin.locator("#station-form button[type=submit]").click();
            assertThat(admin.locator("#stations-table")).containsText(name);
        }
        axe(admin, "admin stations");
        shot(admin, "admin-stations");

        admin.navigate("/admin/#usuarios");
        for (String[] user : new String[][] {{operator, "2468"}, {operator2, "1357"}}) {
            admin.fill("#user-form-username", user[0]);
            admin.fill("#user-form-displayName", "Operadora " + user[0]);
            admin.fill("#user-form-password", Suite.DEMO_SECRET);
            admin.fill("#user-form-pin", user[1]);
            admin.locator("#user-form button[type=submit]").click();
            assertThat(admin.locator("#users-table")).containsText(user[0]);
        }
        axe(admin, "admin users");
        shot(admin, "admin-users");

        admin.navigate("/admin/#aparelhos");
        admin.selectOption("#device-form-kind", "PANEL");
        admin.fill("#device-form-deviceId", panelId);
        admin.fill("#device-form-name", "Painel " + tag);
        admin.locator("#device-form button[type=submit]").click();
        assertThat(admin.locator("#pairing-url")).containsText("/panel/?tenant=demo&device=" + panelId);
        panelSecret = admin.locator("#pairing-secret").textContent().strip();
        assertThat(admin.locator("#devices-table")).containsText(panelId);
        // the operator's tablet: a staff tablet, paired from the link the console gives
        admin.selectOption("#device-form-kind", "STAFF_DEVICE");
        admin.fill("#device-form-deviceId", tabletId);
        admin.fill("#device-form-name", "Tablet " + tag);
        admin.locator("#device-form button[type=submit]").click();
        assertThat(admin.locator("#pairing-url")).containsText("/operator/?tenant=demo&device=" + tabletId);
        assertThat(admin.locator("#pairing")).containsText("Código de pareamento");
        tabletSecret = admin.locator("#pairing-secret").textContent().strip();
        assertThat(admin.locator("#devices-table tr", new Page.LocatorOptions().setHasText(tabletId))).containsText("Tablet da equipe");
        axe(admin, "admin devices");
        shot(admin, "admin-devices");

        for (String[] page : new String[][] {{"impressoras", "admin-printers"}, {"senhas", "admin-tickets"},
                {"clientes", "admin-lgpd"}, {"relatorios", "admin-reports"}}) {
            admin.navigate("/admin/#" + page[0]);
            assertThat(admin.locator("#page-" + page[0])).not().isEmpty();
            admin.waitForFunction("() => !document.querySelector('main').textContent.includes('Carregando')");
            axe(admin, page[1]);
            shot(admin, page[1]);
        }
        // reports: the dashboard when report-service has it, else a plain "not available" (never a broken link)
        assertThat(admin.locator("#dashboard, #reports-unavailable")).isVisible();
        assertThat(errors).noneMatch(e -> e.contains("Content Security Policy"));
    }

    // ------------------------------------------------------------------ the panel and the operator

    /** A fresh tablet shows the pairing screen; paired by hand (studio, tablet id, pairing code), it shows the login. */
    static void pairTablet(Page page, String deviceId, String secret) {
        page.navigate("/operator/");
        assertThat(page.locator("#pair-form")).isVisible();
        page.fill("#pair-tenant", TENANT);
        page.fill("#pair-device", deviceId);
        page.fill("#pair-secret", secret);
        page.locator("#pair-form button[type=submit]").click();
        assertThat(page.locator("#paired-as")).containsText(deviceId);
    }

    /** On a paired tablet (the studio is the tablet's): user and PIN, then the station. */
    void loginOperator(Page page, String username, String pin, String station) {
        page.navigate("/operator/");
        assertThat(page.locator("#paired-as")).isVisible();
        assertThat(page.locator("#tenant")).hasValue(TENANT);
        page.fill("#username", username);
        page.check("#mode-pin");
        page.fill("#secret", pin);
        page.locator("form button[type=submit]").click();
        page.check("#st-" + api.stationId(manager, station));
        assertThat(page.locator("#sv-" + serviceId)).isChecked();
        page.locator("form button[type=submit]").click();
        assertThat(page.locator("#call-next")).isVisible();
    }

    @Test
    @Order(2)
    void anOperatorWithAPinOpensTheOperationAndEachCallShowsAndSpeaksOnThePanel() {
        BrowserContext panelContext = context(TV);
        panelContext.addInitScript(SPEECH_STUB);
        panel = panelContext.newPage();
        panel.navigate("/panel/?tenant=demo&device=" + panelId);
        assertThat(panel.locator("#deviceId")).hasValue(panelId);
        axe(panel, "panel pairing");
        shot(panel, "panel-pairing");
        panel.fill("#secret", panelSecret);
        panel.locator("form button[type=submit]").click();
        // the board (calls still at stations from earlier tests may already be on it)
        assertThat(panel.locator("#now")).isVisible();
        assertThat(panel.locator("#secret")).hasCount(0);

        tabletContext = context(TABLET);
        tabletContext.routeWebSocket(Pattern.compile(".*/ws/queue.*"), ws -> {
            if (cut.get()) {
                ws.close();
                return;
            }
            ws.connectToServer();
            tabletSockets.add(ws);
        });
        tablet = tabletContext.newPage();
        // a fresh tablet asks to be paired first
        tablet.navigate("/operator/");
        assertThat(tablet.locator("#pair-form")).isVisible();
        assertThat(tablet.locator("main")).containsText("Parear este tablet");
        axe(tablet, "operator pairing");
        shot(tablet, "operator-pairing");
        // without pairing, a PIN is refused (the production default) and the tablet says why in plain words
        tablet.click("#skip-pairing");
        assertThat(tablet.locator("#not-paired")).isVisible();
        tablet.fill("#tenant", TENANT);
        tablet.fill("#username", operator);
        tablet.check("#mode-pin");
        tablet.fill("#secret", "2468");
        tablet.locator("#login-form button[type=submit]").click();
        assertThat(tablet.locator("#unpaired-pin")).containsText("Este tablet não está pareado, por isso o PIN não pode ser usado aqui.");
        axe(tablet, "operator unpaired pin");
        // the password works on an unpaired tablet
        tablet.check("#mode-password");
        tablet.fill("#secret", Suite.DEMO_SECRET);
        tablet.locator("#login-form button[type=submit]").click();
        assertThat(tablet.locator("main")).containsText("Iniciar operação");
        tablet.click("text=Sair");
        assertThat(tablet.locator("main")).containsText("Você saiu.");
        assertThat(tablet.locator("#not-paired")).isVisible();

        // the pairing link from the console fills in the studio and the tablet; the code pairs it
        tablet.navigate("/operator/?tenant=" + TENANT + "&device=" + tabletId);
        assertThat(tablet.locator("#pair-tenant")).hasValue(TENANT);
        assertThat(tablet.locator("#pair-device")).hasValue(tabletId);
        tablet.fill("#pair-secret", "wrong-code-123");
        tablet.locator("#pair-form button[type=submit]").click();
        assertThat(tablet.locator("#pairing [role=alert]")).containsText("código de pareamento incorretos");
        tablet.fill("#pair-secret", tabletSecret);
        tablet.locator("#pair-form button[type=submit]").click();
        assertThat(tablet.locator("main")).containsText("Tablet pareado.");
        assertThat(tablet.locator("#paired-as")).containsText(tabletId);
        assertThat(tablet.locator("#tenant")).hasValue(TENANT);
        // the pairing is kept across reloads
        tablet.reload();
        assertThat(tablet.locator("#paired-as")).containsText(tabletId);
        axe(tablet, "operator login");
        shot(tablet, "operator-login");
        // a wrong PIN says so in plain words
        tablet.fill("#username", operator);
        tablet.fill("#secret", "9999");
        tablet.locator("form button[type=submit]").click();
        assertThat(tablet.locator("[role=alert]")).containsText("Usuário ou PIN incorretos.");
        loginOperator(tablet, operator, "2468", stationName);
        // the login survives a reload
        tablet.reload();
        assertThat(tablet.locator("#call-next")).isVisible();
        assertThat(tablet.locator("#live")).hasText("Ao vivo");

        // sales appear on the tablet without a reload: the first through the kiosk app (Pix paid
        // at the sandbox bank), two more paid at the counter through the API
        List<String> numbers = new ArrayList<>();
        numbers.add(kioskSale(serviceName));
        assertThat(tablet.locator("[data-service='" + serviceId + "'] [data-number='" + numbers.getFirst() + "']")).isVisible();
        for (int i = 1; i < 3; i++) {
            numbers.add(api.paidSale(kiosk, manager, serviceId, "Cliente " + i + " Teste"));
        }
        for (String n : numbers) {
            assertThat(tablet.locator("[data-service='" + serviceId + "'] [data-number='" + n + "']")).isVisible();
        }
        axe(tablet, "operator queue");
        shot(tablet, "operator-queue");

        // call: the tablet shows it, the panel shows it large and says it
        tablet.click("#call-next");
        assertThat(tablet.locator("#current-number")).hasText(numbers.get(0));
        assertThat(panel.locator("#now-number")).hasText(numbers.get(0));
        assertThat(panel.locator("#now-station")).hasText(stationName);
        panel.waitForFunction("() => window.__spoken.length === 1");
        String expected = "Senha " + String.join(" ", tag.split("")) + " zero zero um, " + stationName;
        assertThat(numbers.get(0)).isEqualTo(tag + "001");
        assertThat(panel.evaluate("() => window.__spoken[0]")).isEqualTo(expected);
        assertThat(panel.evaluate("() => import('/panel/speech.js').then(m => m.utteranceText({ number: 'G012', stationName: 'Banheira 2' }))"))
                .isEqualTo("Senha G zero doze, Banheira 2");
        assertThat(tablet.locator("[data-number='" + numbers.get(0) + "']")).hasCount(0);
        axe(tablet, "operator called");
        shot(tablet, "operator-called");
        axe(panel, "panel call");
        shot(panel, "panel-call");

        // recall repeats the announcement
        tablet.click("#recall");
        assertThat(tablet.locator("#current-state")).containsText("rechamada 1");
        panel.waitForFunction("() => window.__spoken.length === 2");
        assertThat(panel.evaluate("() => window.__spoken[1]")).isEqualTo(expected);

        tablet.click("#start");
        assertThat(tablet.locator("#current-state")).containsText("Em atendimento");
        assertThat(panel.locator("#now")).hasAttribute("data-status", "IN_SERVICE");
        assertThat(panel.locator("#now-state")).hasText("Em atendimento");
        tablet.click("#finish");
        assertThat(tablet.locator("#result")).containsText("Senha " + numbers.get(0) + " finalizada.");
        assertThat(tablet.locator("#count-completed")).hasText("1");
        assertThat(panel.locator("#now")).hasAttribute("data-status", "COMPLETED");
        assertThat(panel.locator("#now-state")).hasText("Atendida");

        // no-show: gone from the panel's list
        tablet.click("#call-next");
        assertThat(tablet.locator("#current-number")).hasText(numbers.get(1));
        assertThat(panel.locator("#now-number")).hasText(numbers.get(1));
        assertThat(panel.locator("#last-list li[data-number='" + numbers.get(0) + "']")).hasAttribute("data-status", "COMPLETED");
        tablet.click("#no-show");
        assertThat(tablet.locator("#result")).containsText("não compareceu");
        assertThat(panel.locator("#now-number")).hasText(numbers.get(0));
        assertThat(tablet.locator("#count-no-show")).hasText("1");

        // transfer to a service that never sold a ticket: it leaves this station's line and the panel
        tablet.click("#call-next");
        assertThat(tablet.locator("#current-number")).hasText(numbers.get(2));
        assertThat(panel.locator("#now-number")).hasText(numbers.get(2));
        tablet.click("#transfer");
        tablet.selectOption("#transfer-to", otherServiceId);
        tablet.click("#transfer-confirm");
        assertThat(tablet.locator("#result")).containsText("Senha " + numbers.get(2) + " transferida para " + otherServiceName);
        assertThat(tablet.locator("#call-next")).isVisible();
        assertThat(panel.locator("#now-number")).hasText(numbers.get(0));
        assertThat(api.call("GET", "/api/v1/queue?serviceId=" + otherServiceId, manager, null).body().toString())
                .contains(numbers.get(2));
        axe(panel, "panel board");
        shot(panel, "panel-board");
        // a refused action says why: the transferred ticket cannot be started here any more
        GatewayClient.Answer refused = api.call("POST", "/api/v1/queue/tickets/" + ticketIdOf(numbers.get(2)) + "/start",
                api.login(TENANT, operator, Suite.DEMO_SECRET), Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("está aguardando na fila");
    }

    /** A customer buys the service on the kiosk app and the sandbox bank pays the Pix; the number on the kiosk's screen. */
    String kioskSale(String service) {
        BrowserContext kioskContext = context(Browsers.Viewport.PORTRAIT);
        Page page = kioskContext.newPage();
        // the pairing link the console shows for a kiosk fills in the studio and the device
        page.navigate("/kiosk/?tenant=" + TENANT + "&device=kiosk-1");
        assertThat(page.getByTestId("deviceId")).hasValue("kiosk-1");
        assertThat(page.getByTestId("tenant")).hasValue(TENANT);
        KioskIT.pair(page, TENANT, "kiosk-1", Suite.DEMO_SECRET);
        KioskIT.toConsent(page, service, "Ana Souza", GatewayClient.randomCpf(), "11987654321");
        String txid = KioskIT.acceptAndGetPix(page).get("txid").asString();
        var paid = new GatewayClient(suite.pixPspUrl()).post("/sandbox/cob/" + txid + "/pay", null, Map.of());
        assertThat(paid.status()).as("sandbox pay: %s", paid.body()).isEqualTo(200);
        assertThat(KioskIT.screen(page, "done")).isVisible(KioskIT.SOON);
        String number = page.getByTestId("number").textContent().strip();
        shot(page, "kiosk-sale-done");
        kioskContext.close();
        return number;
    }

    static String read(com.microsoft.playwright.Download download) {
        try {
            return java.nio.file.Files.readString(download.path(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String ticketIdOf(String number) {
        for (var line : api.call("GET", "/api/v1/queue", manager, null).body().get("lines")) {
            for (var t : line.get("waiting")) {
                if (number.equals(t.get("number").asString())) {
                    return t.get("ticketId").asString();
                }
            }
        }
        throw new AssertionError("not waiting: " + number);
    }

    @Test
    @Order(3)
    void twoOperatorsCallingAtOnceNeverGetTheSameTicketAndTheOtherHearsWhy() {
        BrowserContext second = context(TABLET);
        tablet2 = second.newPage();
        // the demo seed's staff tablet, paired by typing its id and code
        pairTablet(tablet2, "tablet-1", Suite.DEMO_SECRET);
        loginOperator(tablet2, operator2, "1357", station2Name);
        String number = api.paidSale(kiosk, manager, serviceId, "Corrida Teste");
        assertThat(tablet.locator("[data-number='" + number + "']")).isVisible();
        assertThat(tablet2.locator("[data-number='" + number + "']")).isVisible();

        // both tap at the same moment (timers armed in both pages, then released together)
        String arm = "() => { window.__go = () => document.getElementById('call-next').click(); }";
        tablet.evaluate(arm);
        tablet2.evaluate(arm);
        tablet.evaluate("() => setTimeout(window.__go, 0)");
        tablet2.evaluate("() => setTimeout(window.__go, 0)");
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> List.of(tablet, tablet2).stream().allMatch(p -> {
            String text = p.locator("#result").textContent();
            return text.contains("Senha " + number + " chamada") || text.contains("Ninguém aguardando");
        }));
        List<Page> winners = new ArrayList<>();
        for (Page p : List.of(tablet, tablet2)) {
            String result = p.locator("#result").textContent();
            if (result.contains("Senha " + number + " chamada")) {
                winners.add(p);
            } else {
                assertThat(result).contains("Ninguém aguardando");
            }
        }
        assertThat(winners).hasSize(1);
        Page winner = winners.getFirst();
        assertThat(winner.locator("#current-number")).hasText(number);
        shot(tablet2, "operator-race");
        winner.click("#start");
        winner.click("#finish");
        assertThat(winner.locator("#call-next")).isVisible();
    }

    @Test
    @Order(4)
    void theTabletsNetworkIsCutAndRestoredAndItsQueueIsRightAgain() {
        // the network goes: the browser says so, and the open socket dies with it
        cut.set(true);
        tabletContext.setOffline(true);
        for (WebSocketRoute socket : tabletSockets) {
            socket.close();
        }
        tabletSockets.clear();
        assertThat(tablet.locator("#offline")).isVisible();
        assertThat(tablet.locator("#live")).hasText("Sem conexão");
        shot(tablet, "operator-offline");
        // while it is away: two sales, and the other operator calls one of them
        String first = api.paidSale(kiosk, manager, serviceId, "Offline Um");
        String second = api.paidSale(kiosk, manager, serviceId, "Offline Dois");
        assertThat(tablet2.locator("[data-number='" + second + "']")).isVisible();
        tablet2.click("#call-next");
        assertThat(tablet2.locator("#current-number")).hasText(first);

        cut.set(false);
        tabletContext.setOffline(false);
        assertThat(tablet.locator("#offline")).isHidden();
        assertThat(tablet.locator("#live")).hasText("Ao vivo");
        assertThat(tablet.locator("[data-service='" + serviceId + "'] [data-number='" + second + "']")).isVisible();
        assertThat(tablet.locator("[data-number='" + first + "']")).hasCount(0);
        assertThat(tablet.locator("[data-service='" + serviceId + "'] li")).hasCount(1);

        tablet2.click("#start");
        tablet2.click("#finish");
        assertThat(tablet2.locator("#call-next")).isVisible();
    }

    @Test
    @Order(5)
    void deviceTokensCannotOpenTheStaffScreensOrTheirApi() {
        String panelToken = api.deviceToken(TENANT, panelId, panelSecret);
        for (String[] app : new String[][] {{"/operator/", "totem.operator", "só para a equipe"},
                {"/admin/", "totem.admin", "só para gerentes"}}) {
            for (String token : List.of(kiosk, panelToken)) {
                BrowserContext c = context(TABLET);
                c.addInitScript("localStorage.setItem('" + app[1] + "', JSON.stringify({ accessToken: '" + token
                        + "', refreshToken: 'x', expiresAt: Date.now() + 600000 }));");
                Page p = c.newPage();
                p.navigate(app[0]);
                assertThat(p.locator("main")).containsText(app[2]);
                assertThat(p.locator("input[name=password], #secret").first()).isVisible();
                c.close();
            }
        }
        for (String path : List.of("/api/v1/stations", "/api/v1/users", "/api/v1/devices", "/api/v1/queue")) {
            assertThat(api.call("GET", path, kiosk, null).status()).as(path).isEqualTo(403);
            assertThat(api.call("GET", path, panelToken, null).status()).as(path).isEqualTo(403);
        }
        assertThat(api.call("POST", "/api/v1/queue/call-next", panelToken, Map.of("sessionId", java.util.UUID.randomUUID())).status())
                .isEqualTo(403);
    }

    @Test
    @Order(6)
    void theOperatorClosesTheOperationAndLogsOutAndTheManagerCancelsATicketWithRefund() {
        tablet.click("text=Encerrar operação");
        assertThat(tablet.locator("main")).containsText("Operação encerrada.");
        axe(tablet, "operator start operation");
        shot(tablet, "operator-start");
        tablet.click("text=Sair");
        assertThat(tablet.locator("main")).containsText("Você saiu.");
        tablet.reload();
        assertThat(tablet.locator("#username")).isVisible();

        String number = api.paidSale(kiosk, manager, serviceId, "Cancela Teste");
        admin.navigate("/admin/#senhas");
        assertThat(admin.locator("#tickets-table")).containsText(number);
        admin.locator("#tickets-table tr", new Page.LocatorOptions().setHasText(number)).locator("button").click();
        admin.fill("#cancel-reason", "Cliente desistiu");
        admin.click("#confirm-ok");
        assertThat(admin.locator("#tickets")).containsText("Senha " + number + " cancelada; o estorno foi pedido ao banco.");
        assertThat(admin.locator("#tickets-table tr", new Page.LocatorOptions().setHasText(number))).containsText("Cancelada");

        // LGPD: export behind a confirmation
        admin.navigate("/admin/#clientes");
        admin.fill("#cpf", "52998224725");
        admin.locator("#lgpd-form button[value=export]").click();
        admin.click("#confirm-ok");
        assertThat(admin.locator("#lgpd-json")).containsText("tickets");
        shot(admin, "admin-lgpd-export");

        // reports: the daily report of the chosen day, downloaded as CSV and as PDF
        admin.navigate("/admin/#relatorios");
        assertThat(admin.locator("#dashboard")).isVisible();
        String day = admin.locator("#report-date").inputValue();
        com.microsoft.playwright.Download csv = admin.waitForDownload(() -> admin.click("#report-csv"));
        assertThat(csv.suggestedFilename()).isEqualTo("relatorio-" + day + ".csv");
        assertThat(read(csv)).contains(";total;");
        com.microsoft.playwright.Download pdf = admin.waitForDownload(() -> admin.click("#report-pdf"));
        assertThat(pdf.suggestedFilename()).isEqualTo("relatorio-" + day + ".pdf");
        assertThat(read(pdf)).startsWith("%PDF");
        assertThat(admin.locator("#report-status")).containsText("Arquivo relatorio-" + day + ".pdf baixado.");
    }

    @Test
    @Order(7)
    void aDeactivatedOperatorARevokedPanelAndARevokedTabletAreSentBackToTheirLoginAndPairingScreens() {
        // the second operator is still at work on its tablet; the manager deactivates the user
        assertThat(tablet2.locator("#call-next")).isVisible();
        admin.navigate("/admin/#usuarios");
        admin.locator("#users-table tr", new Page.LocatorOptions().setHasText(operator2)).locator("button.btn-danger").click();
        admin.click("#confirm-ok");
        assertThat(admin.locator("#page-usuarios")).containsText("Usuário " + operator2 + " desativado.");
        // its live socket is closed with 4403 within seconds: the tablet forgets the login
        assertThat(tablet2.locator("main")).containsText("Seu acesso foi encerrado. Entre de novo.");
        assertThat(tablet2.locator("#username")).isVisible();
        assertThat(tablet2.evaluate("() => localStorage.getItem('totem.operator')")).isNull();

        // the panel is revoked in the console: back at its pairing screen, saying why
        admin.navigate("/admin/#aparelhos");
        admin.locator("#devices-table tr", new Page.LocatorOptions().setHasText(panelId)).locator("button.btn-danger").click();
        admin.click("#confirm-ok");
        assertThat(admin.locator("#page-aparelhos")).containsText("revogado");
        assertThat(panel.locator("#secret")).isVisible();
        assertThat(panel.locator("main")).containsText("Pareie de novo.");
        assertThat(panel.evaluate("() => localStorage.getItem('totem.panel')")).isNull();

        // the first operator's tablet is revoked: its next PIN login finds out and goes back to pairing, saying why
        admin.locator("#devices-table tr", new Page.LocatorOptions().setHasText(tabletId)).locator("button.btn-danger").click();
        admin.click("#confirm-ok");
        assertThat(admin.locator("#devices-table tr", new Page.LocatorOptions().setHasText(tabletId))).containsText("Revogado");
        assertThat(tablet.locator("#paired-as")).isVisible();
        tablet.fill("#username", operator);
        tablet.check("#mode-pin");
        tablet.fill("#secret", "2468");
        tablet.locator("#login-form button[type=submit]").click();
        assertThat(tablet.locator("#pair-form")).isVisible();
        assertThat(tablet.locator("main")).containsText("Este tablet foi desconectado pelo gerente");
        assertThat(tablet.evaluate("() => localStorage.getItem('totem.operator.device')")).isNull();

        // a manager signed in with the password on a paired tablet can unpair it
        tablet2.fill("#username", "gerente");
        tablet2.check("#mode-password");
        tablet2.fill("#secret", Suite.DEMO_SECRET);
        tablet2.locator("#login-form button[type=submit]").click();
        assertThat(tablet2.locator("main")).containsText("Este usuário não é operador.");
        tablet2.onceDialog(com.microsoft.playwright.Dialog::accept);
        tablet2.click("#unpair");
        assertThat(tablet2.locator("#pair-form")).isVisible();
        assertThat(tablet2.locator("main")).containsText("Tablet despareado.");
        assertThat(tablet2.evaluate("() => localStorage.getItem('totem.operator.device')")).isNull();
        assertThat(tablet2.evaluate("() => localStorage.getItem('totem.operator')")).isNull();
    }

    @Test
    @Order(8)
    void noScreenHasASeriousAccessibilityViolation() {
        assertThat(accessibility).isEmpty();
    }
}
