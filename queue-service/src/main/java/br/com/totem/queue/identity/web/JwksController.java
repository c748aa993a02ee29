package br.com.totem.queue.identity.web;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.jwk.JWKSet;

import br.com.totem.queue.identity.KeyRing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "auth")
class JwksController {

    private final KeyRing keys;

    JwksController(KeyRing keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "Public keys that verify every token this service issued and that has not expired")
    Mono<ResponseEntity<Map<String, Object>>> jwks() {
        return keys.publicKeys().map(list -> ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(new JWKSet(list.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k).toList()).toJSONObject(true)));
    }
}
