package br.com.totem.sandbox.printer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The printer as a Star CloudPRNT client: when configured with a server URL and its token, it polls
 * ({@code POST} with its status), fetches a ready job ({@code GET ?type=&token=}) and confirms it
 * ({@code DELETE ?code=&token=}) — the same exchange a Star mC-Print3 makes (docs/printing.md). Its
 * condition decides the status it reports: offline → it does not poll at all (no network), paper out
 * → {@code 410 Paper Empty}, cover open → {@code 420 Cover Open}, paper near end → {@code 211 Paper Low},
 * otherwise {@code 200 OK}. ESC/POS jobs are decoded like those on the TCP port; PNG jobs are kept as
 * the image, with the QR code read from it (ZXing). The token goes as the HTTP Basic password.
 */
@Component
public class CloudPrntClient implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CloudPrntClient.class);

    /** How the client is set up: the server URL, the printer's token, the media type it prefers, the poll interval. */
    public record Settings(String url, String token, String media, long intervalMs) {
        public boolean enabled() {
            return url != null && !url.isBlank() && token != null && !token.isBlank();
        }
    }

    /** What the last exchange looked like, for the control API. */
    public record Activity(long polls, Instant lastPollAt, String lastStatusSent, String lastAnswer, String lastError) {
    }

    private final PrinterState state;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("cloudprnt-client").factory());
    private final AtomicLong polls = new AtomicLong();
    private volatile Settings settings;
    private volatile ScheduledFuture<?> task;
    private volatile boolean running;
    private volatile Activity activity = new Activity(0, null, null, null, null);

    public CloudPrntClient(PrinterState state, JsonMapper json,
                           @Value("${sandbox.cloudprnt.url:}") String url,
                           @Value("${sandbox.cloudprnt.token:}") String token,
                           @Value("${sandbox.cloudprnt.media:image/png}") String media,
                           @Value("${sandbox.cloudprnt.interval-ms:2000}") long intervalMs) {
        this.state = state;
        this.json = json;
        this.settings = new Settings(url, token, media, intervalMs);
    }

    public Settings settings() {
        return settings;
    }

    public Activity activity() {
        return activity;
    }

    /** Replaces the setup and restarts polling (or stops it when the URL or token is empty). */
    public synchronized void configure(Settings next) {
        this.settings = next;
        if (running) {
            schedule();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        schedule();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (task != null) {
            task.cancel(false);
        }
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void schedule() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        Settings s = settings;
        if (s.enabled()) {
            long every = Math.max(100, s.intervalMs());
            task = scheduler.scheduleWithFixedDelay(this::pollOnce, 0, every, TimeUnit.MILLISECONDS);
            log.info("CloudPRNT client polling {} every {} ms for {}", s.url(), every, s.media());
        }
    }

    /** One poll, and the job it announces if any. Errors are recorded, never thrown: the printer polls on. */
    void pollOnce() {
        Settings s = settings;
        PrinterState.Condition condition = state.condition();
        if (!s.enabled() || condition.offline()) {
            return;
        }
        String status = condition.paperOut() ? "410 Paper Empty" : condition.coverOpen() ? "420 Cover Open"
                : condition.paperNearEnd() ? "211 Paper Low" : "200 OK";
        try {
            String body = json.writeValueAsString(Map.of("statusCode", encode(status),
                    "printerMAC", "00:11:62:00:91:00", "printingInProgress", false));
            HttpResponse<String> answer = http.send(request(s, URI.create(s.url()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            activity = new Activity(polls.incrementAndGet(), Instant.now(), status, answer.statusCode() + " " + answer.body(), null);
            if (answer.statusCode() != 200) {
                return;
            }
            JsonNode poll = json.readTree(answer.body());
            if (poll.path("jobReady").asBoolean(false)) {
                List<String> offered = new ArrayList<>();
                poll.path("mediaTypes").forEach(n -> offered.add(n.asString()));
                String type = offered.contains(s.media()) ? s.media() : offered.isEmpty() ? s.media() : offered.getFirst();
                fetchAndPrint(s, type, poll.path("jobToken").asString(null));
            }
        } catch (IOException | RuntimeException e) {
            activity = new Activity(polls.get(), Instant.now(), status, null, e.toString());
            log.info("CloudPRNT poll failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fetchAndPrint(Settings s, String type, String jobToken) throws IOException, InterruptedException {
        String query = "type=" + encode(type) + "&mac=" + encode("00:11:62:00:91:00")
                + (jobToken == null ? "" : "&token=" + encode(jobToken));
        HttpResponse<byte[]> job = http.send(request(s, withQuery(s.url(), query)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String code;
        if (job.statusCode() != 200) {
            code = "520 Download Failed";
        } else if ("application/octet-stream".equals(type)) {
            EscPosDecoder decoder = new EscPosDecoder(n -> { }, state::printed, state::nextSequence).via("CLOUDPRNT " + type);
            decoder.accept(job.body(), job.body().length);
            decoder.endOfStream();
            code = "200 OK";
        } else if ("image/png".equals(type)) {
            code = printImage(job.body(), type, job.headers().firstValue("X-Star-Cut").orElse(null)) ? "200 OK" : "511 Decode Failure";
        } else {
            code = "510 Unsupported Media";
        }
        String confirm = "code=" + encode(code) + "&mac=" + encode("00:11:62:00:91:00")
                + (jobToken == null ? "" : "&token=" + encode(jobToken));
        http.send(request(s, withQuery(s.url(), confirm)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        log.info("CloudPRNT job {} ({}) confirmed with {}", jobToken, type, code);
    }

    private boolean printImage(byte[] png, String type, String cutHeader) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            return false;
        }
        List<PrintedTicket.Qr> qrCodes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            Result qr = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            qrCodes.add(new PrintedTicket.Qr(qr.getText(), 2, 0, "?"));
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            warnings.add("nenhum QR legível na imagem");
        }
        String cut = cutHeader != null && cutHeader.startsWith("full") ? "FULL"
                : cutHeader != null && cutHeader.startsWith("none") ? null : "PARTIAL";
        warnings.add("imagem " + image.getWidth() + "×" + image.getHeight() + " px");
        state.printed(new PrintedTicket(state.nextSequence(), Instant.now(), List.of(), List.copyOf(qrCodes), cut, 0,
                png.length, List.copyOf(warnings), "CLOUDPRNT " + type), png);
        return true;
    }

    private static HttpRequest.Builder request(Settings s, URI uri) {
        String basic = Base64.getEncoder().encodeToString(("printer:" + s.token()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Authorization", "Basic " + basic)
                .header("User-Agent", "CloudPRNT/3.0 Totem-Sandbox/1.0");
    }

    private static URI withQuery(String url, String query) {
        return URI.create(url + (url.contains("?") ? "&" : "?") + query);
    }

    /** URL-encoded as printers send it ({@code 200%20OK}). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
