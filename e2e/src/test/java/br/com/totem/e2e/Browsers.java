package br.com.totem.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The one headless Chromium of this JVM, shared by every browser test (started on first use,
 * closed at JVM exit), and a fresh context per test (its own storage, IndexedDB and cookies).
 * Playwright's own Chromium is used when Playwright can have it (already downloaded, or
 * downloadable); otherwise the Debian {@code chromium} package, which {@code .ci/run} installs
 * ({@code TOTEM_E2E_CHROMIUM} names another executable). Screenshots go to
 * {@code e2e/target/screenshots/<name>.png}.
 */
final class Browsers {

    static final Path SCREENSHOTS = Suite.ROOT.resolve("e2e/target/screenshots");
    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    /** Headless Chromium as root in a container: no sandbox, no background traffic, no QUIC. */
    static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required");

    /** Portrait kiosk, landscape kiosk, a phone (the status page). */
    record Viewport(int width, int height, boolean touch) {
        static final Viewport PORTRAIT = new Viewport(1080, 1920, true);
        static final Viewport LANDSCAPE = new Viewport(1920, 1080, true);
        static final Viewport PHONE = new Viewport(390, 844, true);
    }

    private static Browsers shared;

    private final Playwright playwright;
    private final Browser browser;
    final String which;

    private Browsers(Playwright playwright, Browser browser, String which) {
        this.playwright = playwright;
        this.browser = browser;
        this.which = which;
    }

    static synchronized Browsers shared() {
        if (shared == null) {
            shared = launch();
            // a loaded CI machine runs eight JVMs beside the browser: wait for what a person would wait for, and more
            com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(shared::close));
        }
        return shared;
    }

    private static Browsers launch() {
        String chosen = System.getenv("TOTEM_E2E_CHROMIUM");
        var options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(FLAGS);
        if (chosen == null || chosen.isBlank()) {
            // Playwright's own browser when it is there or can be downloaded
            try {
                Playwright own = Playwright.create();
                try {
                    return new Browsers(own, own.chromium().launch(options), "Playwright's Chromium");
                } catch (RuntimeException notInstalled) {
                    own.close();
                }
            } catch (RuntimeException cannotDownload) {
                // no network for the download: fall back to the Debian package below
            }
            chosen = DEBIAN_CHROMIUM.toString();
        }
        if (!Files.isExecutable(Path.of(chosen))) {
            throw new IllegalStateException("no browser: Playwright could not get its Chromium and " + chosen
                    + " is missing (apt-get install chromium, as .ci/run does)");
        }
        Playwright local = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new Browsers(local, local.chromium().launch(options.setExecutablePath(Path.of(chosen))), chosen);
    }

    /** A fresh context: pt-BR, São Paulo time, the viewport, touch, the gateway as base URL. */
    BrowserContext context(String baseUrl, Viewport viewport) {
        return context(baseUrl, viewport, null);
    }

    /** The same, starting with a saved storage state (e.g. a paired kiosk's localStorage). */
    BrowserContext context(String baseUrl, Viewport viewport, String storageState) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setStorageState(storageState)
                .setBaseURL(baseUrl)
                .setLocale("pt-BR")
                .setTimezoneId("America/Sao_Paulo")
                .setViewportSize(viewport.width(), viewport.height())
                .setHasTouch(viewport.touch())
                .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK));
        context.setDefaultTimeout(60_000);
        return context;
    }

    /** Saves a full-page screenshot as e2e/target/screenshots/{name}.png. */
    static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(false));
        return file;
    }

    /** Console errors and CSP violations of a page, to assert none happened. */
    static List<String> collectErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        return errors;
    }

    synchronized void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
