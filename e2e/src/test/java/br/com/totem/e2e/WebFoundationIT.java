package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * The web foundation in a real browser through the gateway: a page loads its modules under the
 * apps' strict policy without a console error, and the shared pt-BR formatting behaves as the
 * server does (money with its non-breaking space, CPF check digits, phone rules).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFoundationIT {

    Suite suite;
    Browsers browsers;

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        browsers = Browsers.shared();
    }

    @Test
    void anUnknownStatusTokenGetsAPlainPortuguesePageUnderTheStrictPolicy() {
        try (BrowserContext context = browsers.context(suite.gatewayUrl(), Browsers.Viewport.PHONE)) {
            Page page = context.newPage();
            List<String> errors = Browsers.collectErrors(page);
            page.navigate("/t/unknown-token-0123456789");
            PlaywrightAssertions.assertThat(page.getByTestId("not-found")).hasText("Senha não encontrada");
            Browsers.screenshot(page, "status-not-found");
            // the public API's 404 is the page's answer, not an error of the page itself
            assertThat(errors).allSatisfy(e -> assertThat(e).contains("404"));
        }
    }

    @Test
    void sharedFormattingMatchesTheServersRules() {
        try (BrowserContext context = browsers.context(suite.gatewayUrl(), Browsers.Viewport.PHONE)) {
            Page page = context.newPage();
            List<String> errors = Browsers.collectErrors(page);
            page.navigate("/status/");
            Object result = page.evaluate("""
                    async () => {
                      const f = await import('/shared/format.js');
                      const api = await import('/shared/api.js');
                      return [f.brl(123456), f.brl(6000), f.maskCpf('52998224725'), f.isValidCpf('529.982.247-25'),
                              f.isValidCpf('529.982.247-24'), f.isValidCpf('111.111.111-11'), f.maskPhone('11987654321'),
                              f.maskPhone('1134567890'), f.isValidPhone('(11) 98765-4321'), f.isValidPhone('(11) 88765-4321'),
                              f.isValidPhone('(20) 98765-4321'), f.minutes('PT1H30M'), f.minutes(45),
                              /^[0-9a-f-]{36}$/.test(api.newIdempotencyKey())];
                    }""");
            List<Object> values = new java.util.ArrayList<>((List<?>) result);
            assertThat(values).containsExactly("R$\u00a01.234,56", "R$\u00a060,00", "529.982.247-25", true,
                    false, false, "(11) 98765-4321", "(11) 3456-7890", true, false, false, "1 h 30 min", "45 min", true);
            assertThat(errors).noneMatch(e -> e.contains("Content Security Policy"));
        }
    }

    @Test
    void aLiveSocketStopsAndTellsTheAppWhenItsLoginIsRevoked() {
        // docs/platform.md: 4403 = login revoked — the app must not retry with the same token
        try (BrowserContext context = browsers.context(suite.gatewayUrl(), Browsers.Viewport.PHONE)) {
            Page page = context.newPage();
            List<String> errors = Browsers.collectErrors(page);
            page.navigate("/status/");
            Object result = page.evaluate("""
                    async (secret) => {
                      const { userSession } = await import('/shared/session.js');
                      const { connectLive } = await import('/shared/live.js');
                      const session = userSession('live-revocation-test');
                      await session.login({ tenant: 'demo', username: 'gerente', password: secret });
                      const statuses = [];
                      let frames = 0;
                      let sockets = 0;
                      const Native = window.WebSocket;
                      window.WebSocket = function (...args) { sockets++; return new Native(...args); };
                      const lost = new Promise((resolve, reject) => {
                        const timer = setTimeout(() => reject(new Error('no 4403 within 40 s: ' + statuses)), 40000);
                        let live;
                        live = connectLive('/ws/queue', {
                          token: () => session.accessToken(),
                          onMessage: () => frames++,
                          onStatus: async (s) => {
                            statuses.push(s);
                            if (s === 'online' && statuses.filter((x) => x === 'online').length === 1) await session.logout();
                          },
                          onAuthLost: (code) => { clearTimeout(timer); resolve({ code, status: live.status }); },
                        });
                      });
                      const outcome = await lost;
                      // it stays closed: no reconnect attempt within the first retry delay
                      await new Promise((r) => setTimeout(r, 1500));
                      return [outcome.code, outcome.status, frames > 0, sockets];
                    }""", Suite.DEMO_SECRET);
            List<Object> values = ((List<?>) result).stream()
                    .map(v -> v instanceof Number n ? (Object) n.longValue() : v).toList();
            assertThat(values).containsExactly(4403L, "offline", true, 1L);
            assertThat(errors).noneMatch(e -> e.contains("Content Security Policy"));
        }
    }
}
