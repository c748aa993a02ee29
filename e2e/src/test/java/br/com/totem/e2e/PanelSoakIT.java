package br.com.totem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * The TV panel runs for days: 30 minutes of simulated calls (a sale and a call every 2 s — 900
 * calls, every fifth recalled, each started and finished — with a heartbeat every 15 s) driven through a
 * stand-in WebSocket on Playwright's fake clock, so the half hour takes seconds. The panel's JS
 * heap after a forced GC must stay within the bound measured for it (docs/benchmarks.md), and so
 * must its DOM. The stand-in socket speaks queue-service's /ws/panel protocol; the real socket
 * is covered by StaffAppsIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelSoakIT {

    /** Used JS heap after GC at minute 30: measured 1.82–1.85 MB (headless Chromium, docs/benchmarks.md); twice that, with margin. */
    static final double HEAP_BOUND_BYTES = 4 * 1024 * 1024;
    /** Growth from minute 2 to minute 30 after GC: measured 124–140 KB, flattening; a leak of 600 bytes per announcement (1,080 of them) would exceed it. */
    static final double GROWTH_BOUND_BYTES = 512 * 1024;

    static final String FAKE_SOCKET = """
            window.__spokenCount = 0;
            window.__lastSpoken = null;
            const synth = {
              speak(u) { window.__spokenCount++; window.__lastSpoken = u.text; setTimeout(() => u.onend && u.onend(), 0); },
              cancel() {}, getVoices() { return []; }, speaking: false, pending: false,
            };
            Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
            class FakeSocket {
              constructor(url) {
                this.url = url; this.readyState = 0; window.__socket = this; window.__opened = (window.__opened || 0) + 1;
                setTimeout(() => { this.readyState = 1; this.onopen && this.onopen({}); }, 0);
              }
              send() {}
              close(code, reason) {
                if (this.readyState === 3) return;
                this.readyState = 3;
                setTimeout(() => this.onclose && this.onclose({ code: code || 1000, reason }), 0);
              }
            }
            FakeSocket.CONNECTING = 0; FakeSocket.OPEN = 1; FakeSocket.CLOSING = 2; FakeSocket.CLOSED = 3;
            window.WebSocket = FakeSocket;
            window.__push = (frames) => { for (const f of frames) window.__socket.onmessage({ data: JSON.stringify(f) }); };
            """;

    /** One simulated step: frames for call n at seq, returns the new seq (in the page, to keep the test fast). */
    static final String STEP = """
            ([n, seq]) => {
              const services = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
              const call = (kind, status, recall) => ({ type: 'change', seq: ++seq, kind, call: {
                ticketId: 't' + n, number: (n % 2 ? 'G' : 'B') + String(n % 1000).padStart(3, '0'),
                serviceId: services[n % 2], serviceName: n % 2 ? 'Banheira de Gelo' : 'Bota de Compressão',
                stationName: 'Banheira ' + (1 + n % 3), status, recallCount: recall, calledAt: new Date().toISOString() } });
              // each call follows a sale: its ENQUEUED reaches the panel as a bare seq ("skip")
              const frames = [{ type: 'skip', seq: ++seq }, call('CALLED', 'CALLED', 0)];
              if (n % 5 === 0) frames.push(call('RECALLED', 'CALLED', 1));
              if (n > 2) {
                const old = n - 2;
                const done = ({ type: 'change', seq: ++seq, kind: old % 7 === 0 ? 'NO_SHOW' : 'COMPLETED', call: {
                  ticketId: 't' + old, number: 'X', serviceId: services[old % 2], stationName: 'Banheira 1',
                  status: old % 7 === 0 ? 'NO_SHOW' : 'COMPLETED', recallCount: 0 } });
                frames.push({ ...done, kind: 'STARTED', seq: done.seq, call: { ...done.call, status: 'IN_SERVICE' } });
                frames.push({ ...done, seq: ++seq });
              }
              window.__push(frames);
              return seq;
            }""";

    Suite suite;
    Browsers browsers;

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        browsers = Browsers.shared();
    }

    static String fakePanelToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"panel-soak\",\"tenant\":\"demo\",\"roles\":[\"PANEL\"],"
                + "\"name\":\"Painel\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".x";
    }

    static double usedHeap(CDPSession cdp) {
        cdp.send("HeapProfiler.collectGarbage");
        cdp.send("HeapProfiler.collectGarbage");
        JsonObject usage = cdp.send("Runtime.getHeapUsage");
        return usage.get("usedSize").getAsDouble();
    }

    @Test
    void thirtyMinutesOfCallsKeepThePanelsHeapAndDomBounded() throws Exception {
        try (BrowserContext context = browsers.context(suite.gatewayUrl(), new Browsers.Viewport(1920, 1080, false))) {
            context.addInitScript(FAKE_SOCKET);
            context.addInitScript("localStorage.setItem('totem.panel', JSON.stringify({ accessToken: '" + fakePanelToken()
                    + "', refreshToken: 'soak', expiresAt: Date.now() + 10 * 86400000, tenant: 'demo', deviceId: 'panel-soak', secret: 'x' }));");
            context.route("**/api/v1/services", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setContentType("application/json")
                    .setBody("[{\"id\":\"11111111-1111-4111-8111-111111111111\",\"color\":\"#1E88E5\"},"
                            + "{\"id\":\"22222222-2222-4222-8222-222222222222\",\"color\":\"#43A047\"}]")));
            Page page = context.newPage();
            List<String> errors = Browsers.collectErrors(page);
            page.clock().install();
            page.navigate("/panel/");
            page.clock().runFor(500);
            page.evaluate("() => window.__push([{ type: 'snapshot', seq: 0, calls: [] }])");
            assertThat(page.locator("#now")).containsText("Aguardando a próxima chamada");
            CDPSession cdp = context.newCDPSession(page);

            int seq = 0;
            double warm = 0;
            List<String> samples = new ArrayList<>();
            int steps = 30 * 60 / 2;
            for (int n = 1; n <= steps; n++) {
                seq = ((Number) page.evaluate(STEP, List.of(n, seq))).intValue();
                if (n % 8 == 0) {
                    // queue-service's heartbeat every 15 s, carrying the last seq
                    page.evaluate("s => window.__push([{ type: 'heartbeat', seq: s }])", seq);
                }
                page.clock().runFor(2000);
                if (n == 60) {
                    warm = usedHeap(cdp);
                }
                if (n % 150 == 0) {
                    samples.add(String.format("minute %d: %.0f bytes", n * 2 / 60, usedHeap(cdp)));
                }
            }
            // the last step's call and recall (two chimes of 1.1 s each) are still being said: let them end
            page.clock().runFor(5000);
            double end = usedHeap(cdp);
            int domNodes = ((Number) page.evaluate("() => document.getElementsByTagName('*').length")).intValue();
            int spoken = ((Number) page.evaluate("() => window.__spokenCount")).intValue();
            int opened = ((Number) page.evaluate("() => window.__opened")).intValue();
            String report = String.format("panel soak: %d calls, %d spoken, %d socket(s), %d DOM elements, heap after GC "
                    + "minute 2 %.0f bytes, minute 30 %.0f bytes; %s", steps, spoken, opened, domNodes, warm, end, samples);
            System.out.println(report);
            Files.createDirectories(Browsers.SCREENSHOTS);
            Files.writeString(Browsers.SCREENSHOTS.resolve("panel-soak.txt"), report + System.lineSeparator());
            Browsers.screenshot(page, "panel-soak");

            assertThat(page.locator("#now-number")).hasText("B" + String.format("%03d", steps % 1000));
            assertThat(page.locator("#last-list li")).hasCount(6);
            assertThat(opened).as("never reconnected: the heartbeats kept the socket alive").isEqualTo(1);
            assertThat(spoken).as("every call and recall was said (the queue keeps up at this pace)")
                    .isEqualTo(steps + steps / 5);
            assertThat(domNodes).isLessThan(120);
            assertThat(end).as(report).isLessThan(HEAP_BOUND_BYTES);
            assertThat(end - warm).as(report).isLessThan(GROWTH_BOUND_BYTES);
            assertThat(errors).noneMatch(e -> !e.contains("favicon"));
        }
    }
}
