package br.com.totem.platform.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * Each token with a {@code kid} the cached JWKS does not hold makes Nimbus read the JWKS again, so
 * a stream of made-up key ids was a stream of JWKS requests (issue 12 Low). This filter on the
 * JWKS client answers a read from the last good answer while it is younger than {@code cooldown}:
 * the issuer is asked at most once per cooldown, whatever the tokens say. Keys already read are
 * never affected; a key added by a rotation is seen within one cooldown.
 */
public class JwksFetchCooldown implements ExchangeFilterFunction {

    private record Answer(String body, String contentType, long at) {
    }

    private final Duration cooldown;
    private final Clock clock;
    private volatile Answer last;

    public JwksFetchCooldown(Duration cooldown, Clock clock) {
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Answer cached = last;
        if (cached != null && clock.millis() - cached.at() < cooldown.toMillis()) {
            return Mono.just(response(cached));
        }
        return next.exchange(request).flatMap(response -> {
            if (!response.statusCode().is2xxSuccessful()) {
                return Mono.just(response);
            }
            String type = response.headers().contentType().map(Object::toString).orElse("application/json");
            return response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                Answer fresh = new Answer(body, type, clock.millis());
                last = fresh;
                return response(fresh);
            });
        });
    }

    private static ClientResponse response(Answer answer) {
        return ClientResponse.create(org.springframework.http.HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, answer.contentType()).body(answer.body()).build();
    }
}
