package br.com.totem.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import reactor.core.publisher.Mono;

/** The gateway's own endpoints: the web apps' entry pages and the circuit-breaker fallback. */
@Configuration
public class GatewayRoutes {

    @Bean
    RouterFunction<ServerResponse> webApps() {
        return route(GET("/kiosk/").or(GET("/kiosk")), r -> page("kiosk"))
                .andRoute(GET("/operator/").or(GET("/operator")), r -> page("operator"))
                .andRoute(GET("/panel/").or(GET("/panel")), r -> page("panel"))
                .andRoute(GET("/"), r -> ServerResponse.temporaryRedirect(URI.create("/kiosk/")).build());
    }

    /** Where an open circuit (or a failed downstream) lands: a fast 503 problem. */
    @Bean
    RouterFunction<ServerResponse> fallback() {
        return route(path("/fallback/{service}"), r -> Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                r.pathVariable("service") + " is unavailable; try again shortly",
                java.util.Map.of("retryAfterSeconds", 5))));
    }

    private static Mono<ServerResponse> page(String app) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                .bodyValue(new ClassPathResource("static/" + app + "/index.html"));
    }
}
