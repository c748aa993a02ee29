package br.com.totem.print.pull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

import br.com.totem.print.printer.domain.Printer;
import br.com.totem.platform.security.OpaqueTokens;
import br.com.totem.print.printer.store.PrinterStore;
import reactor.core.publisher.Mono;

/**
 * Which printer is polling: the token it was given when it was registered, sent as the password of
 * HTTP Basic ({@code Authorization: Basic base64(<any user>:<token>)}, over TLS), which CloudPRNT
 * clients support. The token alone names the printer and so its tenant; the MAC address a printer
 * also sends is no secret and is never trusted. Tokens are kept out of URLs, where proxies and
 * access logs would record them.
 */
@Component
public class PrinterCredentials {

    private final PrinterStore printers;

    PrinterCredentials(PrinterStore printers) {
        this.printers = printers;
    }

    /** The CloudPRNT printer whose token the header carries, or empty. */
    public Mono<Printer> printer(String authorization) {
        String token = token(authorization);
        return token == null ? Mono.empty() : printers.byTokenHash(OpaqueTokens.hash(token));
    }

    static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String token = colon < 0 ? decoded : decoded.substring(colon + 1);
        return token.isBlank() || token.length() > 200 ? null : token;
    }
}
