package br.com.totem.sandbox.printer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printer's control API, for demos and tests (no authentication: a sandbox): switch it offline,
 * out of paper, slow or failing mid-job, and read what it printed.
 */
@RestController
@RequestMapping(path = "/sandbox", produces = MediaType.APPLICATION_JSON_VALUE)
public class ControlController {

    private final PrinterState state;
    private final TcpPrinterServer server;
    private final CloudPrntClient cloudPrnt;

    public ControlController(PrinterState state, TcpPrinterServer server, CloudPrntClient cloudPrnt) {
        this.state = state;
        this.server = server;
        this.cloudPrnt = cloudPrnt;
    }

    /** The CloudPRNT client's setup (the token is not shown) and its last exchange. */
    @GetMapping("/cloudprnt")
    public Map<String, Object> cloudPrnt() {
        CloudPrntClient.Settings s = cloudPrnt.settings();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", s.enabled());
        body.put("url", s.url());
        body.put("media", s.media());
        body.put("intervalMs", s.intervalMs());
        body.put("activity", cloudPrnt.activity());
        return body;
    }

    /**
     * Makes the printer a CloudPRNT client of {@code url} with its {@code token}; {@code media} is the type it
     * prefers ({@code image/png} by default, or {@code application/octet-stream} for ESC/POS), {@code intervalMs}
     * its poll interval (2000 by default).
     */
    @PutMapping("/cloudprnt")
    public Map<String, Object> cloudPrnt(@RequestBody Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!List.of("url", "token", "media", "intervalMs").contains(key)) {
                throw new IllegalArgumentException("campo desconhecido: " + key);
            }
        }
        String url = text(body, "url");
        String token = text(body, "token");
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://")) || token == null) {
            throw new IllegalArgumentException("informe url (http:// ou https://) e token");
        }
        String media = body.containsKey("media") ? text(body, "media") : "image/png";
        if (!List.of("image/png", "application/octet-stream").contains(media)) {
            throw new IllegalArgumentException("media deve ser image/png ou application/octet-stream");
        }
        cloudPrnt.configure(new CloudPrntClient.Settings(url, token, media, number(body, "intervalMs", 2000)));
        return cloudPrnt();
    }

    /** Stops polling. */
    @DeleteMapping("/cloudprnt")
    public Map<String, Object> stopCloudPrnt() {
        cloudPrnt.configure(new CloudPrntClient.Settings(null, null, "image/png", 2000));
        return cloudPrnt();
    }

    /** A ticket that arrived as an image (CloudPRNT PNG). */
    @GetMapping(path = "/tickets/{sequence}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> image(@PathVariable long sequence) {
        return state.image(sequence).map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png))
                .orElse(ResponseEntity.notFound().build());
    }

    private static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s && s.length() <= 2000) {
            return s.isBlank() ? null : s.strip();
        }
        throw new IllegalArgumentException(key + " deve ser um texto");
    }

    @GetMapping("/printer")
    public Map<String, Object> printer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tcpPort", server.port());
        body.put("condition", state.condition());
        body.put("discardedBytes", state.discardedBytes());
        body.put("printed", state.tickets().size());
        return body;
    }

    /**
     * Changes the condition; fields left out keep their value. Body fields: {@code offline},
     * {@code paperOut}, {@code paperNearEnd}, {@code coverOpen} (booleans), {@code slowMs},
     * {@code dropAfterBytes} (numbers ≥ 0).
     */
    @PutMapping("/printer")
    public PrinterState.Condition change(@RequestBody Map<String, Object> body) {
        PrinterState.Condition c = state.condition();
        for (String key : body.keySet()) {
            if (!List.of("offline", "paperOut", "paperNearEnd", "coverOpen", "slowMs", "dropAfterBytes").contains(key)) {
                throw new IllegalArgumentException("campo desconhecido: " + key);
            }
        }
        PrinterState.Condition next = new PrinterState.Condition(
                bool(body, "offline", c.offline()), bool(body, "paperOut", c.paperOut()),
                bool(body, "paperNearEnd", c.paperNearEnd()), bool(body, "coverOpen", c.coverOpen()),
                number(body, "slowMs", c.slowMs()), (int) number(body, "dropAfterBytes", c.dropAfterBytes()));
        state.condition(next);
        return next;
    }

    /** Back to a ready printer with paper. */
    @DeleteMapping("/printer")
    public PrinterState.Condition reset() {
        state.condition(PrinterState.Condition.READY);
        return PrinterState.Condition.READY;
    }

    @GetMapping("/tickets")
    public List<PrintedTicket> tickets() {
        return state.tickets();
    }

    /** A printed QR code as SVG (ZXing, model 2 like the printer's), for the paper page. */
    @GetMapping(path = "/tickets/{sequence}/qr/{index}.svg", produces = "image/svg+xml")
    public ResponseEntity<String> qr(@PathVariable long sequence, @PathVariable int index) {
        return state.tickets().stream().filter(t -> t.sequence() == sequence).findFirst()
                .filter(t -> index >= 0 && index < t.qrCodes().size())
                .map(t -> ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                        .body(QrSvg.svg(t.qrCodes().get(index).data())))
                .orElse(ResponseEntity.notFound().build());
    }

    @DeleteMapping("/tickets")
    public ResponseEntity<Void> clear() {
        state.clear();
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Pedido inválido");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean bool(Map<String, Object> body, String key, boolean current) {
        if (!body.containsKey(key)) {
            return current;
        }
        if (body.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " deve ser true ou false");
    }

    private static long number(Map<String, Object> body, String key, long current) {
        if (!body.containsKey(key)) {
            return current;
        }
        if (body.get(key) instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
            return n.longValue();
        }
        throw new IllegalArgumentException(key + " deve ser um número inteiro maior ou igual a zero");
    }
}
