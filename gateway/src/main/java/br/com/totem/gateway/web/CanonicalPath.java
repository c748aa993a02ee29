package br.com.totem.gateway.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The one spelling of a request path that every decision at the gateway (rate limits, security
 * rules, routes) and every service behind it sees. RFC 3986 makes {@code /api/v1/%61uth} and
 * {@code /api/v1/auth} the same resource (section 6.2.2.2: percent-encoded unreserved characters
 * are equivalent to the characters), and {@code //}, {@code /./} and {@code /../} are spellings
 * that servers resolve differently. So, before anything looks at the path:
 * <ul>
 *   <li>percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, other
 *       percent-encodings keep their encoding with upper-case hex digits;</li>
 *   <li>empty segments ({@code //}) are dropped, dot segments are resolved (section 5.2.4);</li>
 *   <li>under {@code /api/} and {@code /ws/} a trailing slash is dropped (no endpoint has one).</li>
 * </ul>
 * What cannot be given one meaning is refused: an encoded slash or backslash (one segment or
 * two?), a backslash, a NUL, path parameters ({@code ;}, which the pattern matchers ignore but a
 * prefix check does not), a malformed escape, or {@code ..} above the root.
 */
public final class CanonicalPath {

    private static final String UNRESERVED_PUNCTUATION = "-._~";

    private CanonicalPath() {
    }

    /** Why a raw path was refused. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The canonical form of a raw (still percent-encoded) path. */
    public static String of(String raw) throws Rejected {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        if (raw.charAt(0) != '/') {
            throw new Rejected("the path must start with /");
        }
        String decoded = decodeUnreserved(raw);
        boolean trailingSlash = decoded.length() > 1 && decoded.endsWith("/");
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.pollLast() == null) {
                    throw new Rejected("the path climbs above the root");
                }
                continue;
            }
            segments.addLast(segment);
        }
        String path = "/" + String.join("/", segments);
        boolean api = path.startsWith("/api/") || path.startsWith("/ws/");
        return trailingSlash && !api && !path.equals("/") ? path + "/" : path;
    }

    private static String decodeUnreserved(String raw) throws Rejected {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '%' -> {
                    if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                        throw new Rejected("malformed percent-encoding");
                    }
                    char decoded = (char) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                    if (decoded == '/' || decoded == '\\' || decoded == 0 || decoded == ';') {
                        throw new Rejected("an encoded '/', '\\', ';' or NUL in the path");
                    }
                    if (unreserved(decoded)) {
                        out.append(decoded);
                    } else {
                        out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                    }
                    i += 2;
                }
                case '\\', ';' -> throw new Rejected("'\\' and path parameters (';') are not accepted");
                default -> {
                    if (c < 0x21 || c == 0x7f) {
                        throw new Rejected("a control character or space in the path");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
