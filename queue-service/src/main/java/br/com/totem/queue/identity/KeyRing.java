package br.com.totem.queue.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.identity.domain.KeyCipher;
import br.com.totem.queue.identity.store.SigningKeyStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The RS256 keys this service signs with and verifies against, shared by every instance
 * through the database (private parts encrypted). The newest unretired key signs; a rotated key
 * stops signing at once but stays in the JWKS and keeps verifying until every token it signed
 * has expired, so rotation needs no downtime. Instances re-read the keys every 30 s and at once
 * when a token names a kid they do not know (another instance rotated).
 */
@Component
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    /** Covers clock skew and instances that still sign with a key for one refresh period after its rotation. */
    static final Duration GRACE = Duration.ofMinutes(2);
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration UNKNOWN_KID_RELOAD_GAP = Duration.ofSeconds(1);

    public record Key(String kid, RSAKey jwk, Instant createdAt, Instant retiredAt) {
        boolean signs() {
            return retiredAt == null;
        }
    }

    record Ring(List<Key> keys, Instant loadedAt) {
        Optional<Key> signing() {
            return keys.stream().filter(Key::signs).findFirst();
        }

        Optional<Key> byKid(String kid) {
            return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
        }
    }

    private final SigningKeyStore store;
    private final TransactionalOperator tx;
    private final KeyCipher cipher;
    private final QueueProperties.Identity props;
    private final Clock clock;
    private final Map<String, RSAKey> decrypted = new ConcurrentHashMap<>();
    private final AtomicReference<Ring> ring = new AtomicReference<>();
    private final AtomicReference<Mono<Ring>> loading = new AtomicReference<>();

    public KeyRing(SigningKeyStore store, TransactionalOperator tx, QueueProperties properties, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.cipher = new KeyCipher(properties.identity().keySecret());
        this.props = properties.identity();
        this.clock = clock;
    }

    /** Every instance re-reads the keys every 30 s (rotating first when the signing key is due), from start-up on. */
    @Bean
    static PeriodicJob signingKeyRefresh(KeyRing keys) {
        return PeriodicJob.named("signing-key-refresh").firstAfter(Duration.ZERO).every(REFRESH)
                .run(() -> keys.rotateIfDue().then(keys.reload()));
    }

    /** The key new tokens are signed with. */
    public Mono<Key> signingKey() {
        return current().flatMap(r -> r.signing().map(Mono::just).orElseGet(() -> reload().flatMap(again ->
                Mono.justOrEmpty(again.signing())))).switchIfEmpty(Mono.error(() -> new IllegalStateException("no signing key")));
    }

    /** Public keys of the JWKS: every key whose tokens may still be valid. */
    public Mono<List<RSAKey>> publicKeys() {
        return current().map(r -> r.keys().stream().map(k -> k.jwk().toPublicJWK()).toList());
    }

    /** The public key with this kid, reloading once when it is unknown (another instance may have rotated). */
    public Mono<RSAKey> verificationKey(String kid) {
        if (kid == null) {
            return Mono.empty();
        }
        return current().flatMap(r -> r.byKid(kid).map(Mono::just).orElseGet(() -> {
            if (Duration.between(r.loadedAt(), clock.instant()).compareTo(UNKNOWN_KID_RELOAD_GAP) < 0) {
                return Mono.empty();
            }
            return reload().flatMap(again -> Mono.justOrEmpty(again.byKid(kid)));
        })).map(k -> k.jwk().toPublicJWK());
    }

    /** Starts signing with a new key; the others verify until their tokens expire. */
    public Mono<Key> rotate() {
        return tx.transactional(store.lock().then(createKey()).flatMap(kid -> {
                    Instant now = clock.instant();
                    return store.retireAllBut(kid, now, now.plus(props.accessTokenTtl()).plus(GRACE)).thenReturn(kid);
                }))
                .flatMap(kid -> reload().flatMap(r -> Mono.justOrEmpty(r.byKid(kid))))
                .doOnNext(k -> log.info("signing key rotated: now signing with {}", k.kid()));
    }

    Mono<Void> rotateIfDue() {
        return current().flatMap(r -> {
            Optional<Key> signing = r.signing();
            if (signing.isPresent() && signing.get().createdAt().plus(props.keyRotationInterval()).isAfter(clock.instant())) {
                return Mono.empty();
            }
            return rotate().then();
        });
    }

    private Mono<Ring> current() {
        Ring r = ring.get();
        return r != null ? Mono.just(r) : reload();
    }

    /** One load at a time; concurrent callers share it. */
    Mono<Ring> reload() {
        return loading.updateAndGet(inflight -> inflight != null ? inflight
                : ensureSigningKey().then(readRing())
                        .doOnNext(ring::set)
                        .doFinally(s -> loading.set(null))
                        .cache());
    }

    private Mono<Void> ensureSigningKey() {
        return tx.transactional(store.lock()
                .then(store.unexpired(clock.instant()).filter(r -> r.retiredAt() == null).hasElements())
                .flatMap(has -> has ? Mono.empty() : createKey().doOnNext(kid -> log.info("first signing key {} created", kid)).then()));
    }

    private Mono<String> createKey() {
        return Mono.fromCallable(() -> {
                    String kid = "q-" + UUID.randomUUID().toString().substring(0, 13);
                    RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
                    KeyCipher.Sealed sealed = cipher.seal(kid, key.toRSAPrivateKey().getEncoded());
                    decrypted.put(kid, key);
                    return new Object[] {kid, key.toPublicJWK().toJSONString(), sealed};
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(a -> {
                    KeyCipher.Sealed s = (KeyCipher.Sealed) a[2];
                    return store.insert((String) a[0], (String) a[1], s.ciphertext(), s.salt(), s.iv(), clock.instant())
                            .thenReturn((String) a[0]);
                });
    }

    private Mono<Ring> readRing() {
        Instant now = clock.instant();
        return store.unexpired(now).collectList()
                .publishOn(Schedulers.boundedElastic()) // decrypting new keys costs a PBKDF2 run each
                .map(rows -> {
                    List<Key> keys = new ArrayList<>();
                    for (SigningKeyStore.Row row : rows) {
                        keys.add(new Key(row.kid(), decrypted.computeIfAbsent(row.kid(), kid -> open(row)),
                                row.createdAt(), row.retiredAt()));
                    }
                    return new Ring(List.copyOf(keys), now);
                });
    }

    private RSAKey open(SigningKeyStore.Row row) {
        try {
            RSAKey pub = RSAKey.parse(row.publicJwk());
            byte[] pkcs8 = cipher.open(row.kid(), new KeyCipher.Sealed(row.privateKeyEnc(), row.salt(), row.iv()));
            var privateKey = java.security.KeyFactory.getInstance("RSA")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(pub).privateKey(privateKey).build();
        } catch (ParseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + row.kid() + " is unreadable", e);
        }
    }
}
