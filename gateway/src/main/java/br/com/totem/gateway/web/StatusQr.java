package br.com.totem.gateway.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import br.com.totem.platform.problem.ProblemException;
import reactor.core.publisher.Mono;

/**
 * {@code /t/{statusToken}/qr.svg}: the QR code of a ticket's status page
 * ({@code <TOTEM_PUBLIC_BASE_URL>/t/<token>}, the same address print-service prints), drawn for
 * the kiosk's last screen. It tells nothing the token does not: it is the token's own address.
 */
public final class StatusQr {

    /** What ticket-service issues (base64url, 43 characters today); anything else is not a token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,128}");

    private final String publicBaseUrl;

    public StatusQr(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The status page of a token, as printed on the ticket. */
    public String statusUrl(String statusToken) {
        return publicBaseUrl + "/t/" + URLEncoder.encode(statusToken, StandardCharsets.UTF_8);
    }

    public Mono<ServerResponse> svg(ServerRequest request) {
        String token = request.pathVariable("statusToken");
        if (!TOKEN.matcher(token).matches()) {
            return Mono.error(ProblemException.notFound("Ticket"));
        }
        return ServerResponse.ok().contentType(new MediaType("image", "svg+xml", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .headers(WebApps::securityHeaders)
                .bodyValue(svg(statusUrl(token)));
    }

    /** A QR code (level M, 4-module quiet zone) as an SVG of one path, a horizontal run of dark modules per segment. */
    static String svg(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
        StringBuilder d = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < m.getWidth() && m.get(x + run, y)) {
                    run++;
                }
                d.append('M').append(x).append(',').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
                .formatted(m.getWidth(), m.getHeight())
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + d + "\"/></svg>";
    }
}
