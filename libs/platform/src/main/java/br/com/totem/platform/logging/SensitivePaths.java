package br.com.totem.platform.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Paths that carry a secret of their own, masked wherever a path is written down (access log,
 * problem logs and {@code instance}): the bank's webhook path holds the tenant's webhook secret
 * ({@code /api/v1/payments/webhook/<tenant>/<secret>/pix}), and the public status path a ticket's
 * status token ({@code /api/v1/public/queue/<token>}, the status page {@code /t/<token>} and its
 * {@code /t/<token>/qr.svg}). Query strings are never written down at all.
 */
public final class SensitivePaths {

    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("^(/api/v1/payments/webhook/[^/]+/)[^/]+(/pix)$"),
            Pattern.compile("^(/api/v1/public/queue/)[^/]+()$"),
            Pattern.compile("^(/t/)[^/]+(/.*|)$"));

    private SensitivePaths() {
    }

    /** The path with its secret segment replaced by {@code ***}. */
    public static String redact(String path) {
        if (path == null) {
            return null;
        }
        for (Pattern p : SECRETS) {
            var m = p.matcher(path);
            if (m.find()) {
                return m.replaceFirst("$1***$2");
            }
        }
        return path;
    }
}
