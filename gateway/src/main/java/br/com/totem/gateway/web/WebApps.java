package br.com.totem.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import br.com.totem.platform.problem.ProblemException;
import reactor.core.publisher.Mono;

/**
 * The web apps ({@code web/<app>} packaged as {@code static/<app>} in the jar): each app's page at
 * {@code /<app>} and {@code /<app>/}, the public status page at {@code /t/<statusToken>}, and
 * their files (and {@code web/shared}) at {@code /<app>/**}. Every answer carries the apps'
 * strict Content-Security-Policy (their own scripts and styles only, nothing inline), nosniff and
 * no referrer; pages are revalidated on every load, scripts, styles and images cached for five
 * minutes, all with a strong ETag. The files never change while the gateway runs, so each is
 * read and hashed once.
 */
public final class WebApps {

    /** The apps served, each from {@code static/<app>/index.html}. */
    public static final Set<String> APPS = Set.of("kiosk", "operator", "panel", "admin", "status");
    /** Folders of files only (no page): the modules every app imports. */
    public static final Set<String> LIBRARIES = Set.of("shared");

    /** Nothing the apps do not need: no inline code, no other origin, never framed. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' ws: wss:; font-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final CacheControl PAGE_CACHE = CacheControl.noCache();
    static final CacheControl ASSET_CACHE = CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic();

    /** A file name below an app: plain segments with an extension, no hidden files, no escapes. */
    private static final Pattern FILE = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.[A-Za-z0-9]+");

    private record File(byte[] body, String etag, MediaType type) {
    }

    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    /** {@code /<app>} or {@code /<app>/}: the app's page. */
    public Mono<ServerResponse> page(ServerRequest request, String app) {
        return serve(request, "static/" + app + "/index.html", PAGE_CACHE);
    }

    /** {@code /<app>/<file>}. */
    public Mono<ServerResponse> asset(ServerRequest request, String folder, String file) {
        if (!FILE.matcher(file).matches() || file.contains("..")) {
            return Mono.error(ProblemException.notFound("File"));
        }
        return serve(request, "static/" + folder + "/" + file, file.endsWith(".html") ? PAGE_CACHE : ASSET_CACHE);
    }

    private Mono<ServerResponse> serve(ServerRequest request, String location, CacheControl cache) {
        Optional<File> found = files.computeIfAbsent(location, WebApps::load);
        if (found.isEmpty()) {
            return Mono.error(ProblemException.notFound("File"));
        }
        File f = found.get();
        return request.checkNotModified(f.etag())
                .flatMap(notModified -> ServerResponse.from(notModified).cacheControl(cache).headers(WebApps::securityHeaders).build())
                .switchIfEmpty(Mono.defer(() -> ServerResponse.ok().contentType(f.type()).cacheControl(cache).eTag(f.etag())
                        .headers(WebApps::securityHeaders).bodyValue(f.body())));
    }

    /** Written before the response commits, so Spring Security's defaults (for the API) do not replace them. */
    static void securityHeaders(org.springframework.http.HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }

    private static Optional<File> load(String location) {
        ClassPathResource resource = new ClassPathResource(location);
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            byte[] body = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
            MediaType type = MediaTypeFactory.getMediaType(location).orElse(MediaType.APPLICATION_OCTET_STREAM);
            if (type.getType().equals("text") || type.getSubtype().contains("javascript") || type.getSubtype().endsWith("json")
                    || type.getSubtype().endsWith("xml")) {
                type = new MediaType(type, java.nio.charset.StandardCharsets.UTF_8);
            }
            return Optional.of(new File(body, etag, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
