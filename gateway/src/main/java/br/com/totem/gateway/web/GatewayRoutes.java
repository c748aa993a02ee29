package br.com.totem.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import br.com.totem.gateway.GatewayProperties;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import reactor.core.publisher.Mono;

/** The gateway's own endpoints: the web apps' entry pages and the circuit-breaker fallback. */
@Configuration
public class GatewayRoutes {

    /** The web apps (WebApps): each app's page and files, the shared modules, the status page at /t/{token}. */
    @Bean
    RouterFunction<ServerResponse> webApps(GatewayProperties properties) {
        WebApps apps = new WebApps();
        StatusQr qr = new StatusQr(properties.publicBaseUrl());
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET("/", r -> ServerResponse.temporaryRedirect(URI.create("/kiosk/")).build())
                // the QR printed on the ticket: short, public, no personal data
                .GET("/t/{statusToken}", r -> apps.page(r, "status"))
                .GET("/t/{statusToken}/qr.svg", qr::svg);
        for (String app : WebApps.APPS.stream().sorted().toList()) {
            routes.GET("/" + app, r -> apps.page(r, app))
                    .GET("/" + app + "/", r -> apps.page(r, app))
                    .GET("/" + app + "/{*file}", r -> apps.asset(r, app, r.pathVariable("file").substring(1)));
        }
        for (String library : WebApps.LIBRARIES) {
            routes.GET("/" + library + "/{*file}", r -> apps.asset(r, library, r.pathVariable("file").substring(1)));
        }
        return routes.build();
    }

    /** Where an open circuit (or a failed downstream) lands: a fast 503 problem. */
    @Bean
    RouterFunction<ServerResponse> fallback() {
        return route(path("/fallback/{service}"), r -> Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                r.pathVariable("service") + " is unavailable; try again shortly",
                java.util.Map.of("retryAfterSeconds", 5))));
    }
}
