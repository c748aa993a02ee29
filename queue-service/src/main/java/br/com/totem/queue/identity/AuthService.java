package br.com.totem.queue.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.security.Roles;
import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.identity.domain.DeviceKind;
import br.com.totem.queue.identity.domain.LoginThrottle;
import br.com.totem.platform.security.OpaqueTokens;
import br.com.totem.queue.identity.store.DeviceStore;
import br.com.totem.queue.identity.store.RefreshTokenStore;
import br.com.totem.queue.identity.store.RefreshTokenStore.SubjectKind;
import br.com.totem.queue.identity.store.ThrottleStore;
import br.com.totem.queue.identity.store.UserStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Logins (password, operator PIN on a staff tablet, device secret), refresh-token rotation with
 * reuse detection, and logout.
 *
 * <p>A login attempt holds a database connection only briefly (issue 12 item 4): a first short
 * transaction locks the (name, client) throttle row, refuses the attempt while a delay runs and
 * otherwise records it as a failure before the secret is checked, so parallel guesses are counted
 * one by one; the BCrypt check then runs with no connection or lock held; a success clears the
 * row and opens the login family in a second short transaction. The hash check runs for unknown
 * names too (against a dummy hash), so timing does not tell which names exist. Failures are
 * counted per (name, client) with progressive delays ({@link LoginThrottle}): a stranger's guesses
 * never lock out the kiosk, the panel or the operator at the counter (item 3).
 */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }

    private record Subject(SubjectKind kind, String id, String tenant, List<String> roles, String name) {
    }

    /** What a transaction decided; it commits in every case, then this becomes a response. */
    private sealed interface Outcome {
        record Granted(Subject subject, UUID family, String refreshToken) implements Outcome { }
        record Refused(RuntimeException problem) implements Outcome { }
    }

    private final UserStore users;
    private final DeviceStore devices;
    private final ThrottleStore throttle;
    private final RefreshTokenStore refreshTokens;
    private final TokenIssuer issuer;
    private final PasswordEncoder encoder;
    private final TransactionalOperator tx;
    private final QueueProperties.Identity props;
    private final LoginThrottle.Policy delays;
    private final Clock clock;
    private final String dummyHash;

    public AuthService(UserStore users, DeviceStore devices, ThrottleStore throttle, RefreshTokenStore refreshTokens,
                       TokenIssuer issuer, PasswordEncoder encoder, TransactionalOperator tx, QueueProperties properties,
                       Clock clock) {
        this.users = users;
        this.devices = devices;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.encoder = encoder;
        this.tx = tx;
        this.props = properties.identity();
        var d = props.loginDelays();
        this.delays = new LoginThrottle.Policy(d.freeFailures(), d.firstDelay(), d.maxDelay(), d.memory());
        this.clock = clock;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    public static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    /** The throttle's client key of a request from this address. */
    public static String addressClient(String address) {
        return "address:" + address;
    }

    public Mono<Tokens> loginWithPassword(String tenant, String username, String password, String client) {
        String t = normalise(tenant);
        String u = normalise(username);
        return attempt(t, "user:" + u, client, users.byUsername(t, u)
                .filter(user -> user.active())
                .map(user -> new Candidate(user.passwordHash(), new Subject(SubjectKind.USER, user.id().toString(), t,
                        user.roles(), user.displayName()))), password);
    }

    /**
     * An operator's PIN, typed on a registered staff tablet ({@code deviceId}, kind
     * {@link DeviceKind#STAFF_DEVICE}, active, of this tenant): a 4-digit PIN is only worth
     * something where guesses are bounded per device. 403 {@code staff-device-required} otherwise.
     */
    public Mono<Tokens> loginWithPin(String tenant, String username, String pin, String deviceId) {
        String t = normalise(tenant);
        String u = normalise(username);
        return devices.byId(t, normalise(deviceId))
                .filter(d -> d.active() && d.kind() == DeviceKind.STAFF_DEVICE)
                .switchIfEmpty(Mono.error(AuthProblems::staffDeviceRequired))
                .flatMap(device -> attempt(t, "user:" + u, "device:" + device.deviceId(), users.byUsername(t, u)
                        .filter(user -> user.active() && user.pinHash() != null && user.roles().contains(Roles.OPERATOR))
                        // a PIN grants operating the counter only, whatever else the user may do with a password
                        .map(user -> new Candidate(user.pinHash(), new Subject(SubjectKind.USER, user.id().toString(), t,
                                List.of(Roles.OPERATOR), user.displayName()))), pin));
    }

    /**
     * A PIN from any client, counted per address: only while {@code TOTEM_LOGIN_PIN_REQUIRES_STAFF_DEVICE}
     * is {@code false}, for a client that cannot pair a tablet (the suite's operator app pairs; docs/platform.md).
     */
    public Mono<Tokens> loginWithPinAnywhere(String tenant, String username, String pin, String client) {
        String t = normalise(tenant);
        String u = normalise(username);
        return attempt(t, "user:" + u, client, users.byUsername(t, u)
                .filter(user -> user.active() && user.pinHash() != null && user.roles().contains(Roles.OPERATOR))
                .map(user -> new Candidate(user.pinHash(), new Subject(SubjectKind.USER, user.id().toString(), t,
                        List.of(Roles.OPERATOR), user.displayName()))), pin);
    }

    public Mono<Tokens> deviceToken(String tenant, String deviceId, String secret, String client) {
        String t = normalise(tenant);
        String d = normalise(deviceId);
        return attempt(t, "device:" + d, client, devices.byId(t, d)
                .filter(device -> device.active())
                .map(device -> new Candidate(device.secretHash(), new Subject(SubjectKind.DEVICE, device.deviceId(), t,
                        List.of(device.kind().name()), device.name()))), secret);
    }

    private record Candidate(String hash, Subject subject) {
    }

    private Mono<Tokens> attempt(String tenant, String principal, String client, Mono<Candidate> lookup, String secret) {
        Instant now = clock.instant();
        // 1. short transaction: refuse while a delay runs, else count this attempt as failed until proven right
        Mono<Optional<RuntimeException>> reserve = tx.transactional(throttle.lockAndGet(tenant, principal, client)
                .flatMap(state -> {
                    if (state.isBlocked(now)) {
                        return Mono.just(Optional.<RuntimeException>of(AuthProblems.locked(state.retryAfter(now))));
                    }
                    LoginThrottle next = state.afterFailure(now, delays);
                    if (next.blockedUntil() != null && next.failures() == delays.freeFailures() + 1) {
                        log.warn("logins of {} in tenant {} from {} now wait between attempts ({} failures)",
                                principal, tenant, client, delays.freeFailures());
                    }
                    return throttle.save(tenant, principal, client, next).thenReturn(Optional.<RuntimeException>empty());
                }));
        // 2. no transaction, no connection: the slow hash check
        // 3. short transaction on success: clear the count, open the login family
        return reserve.flatMap(refused -> refused.isPresent() ? Mono.error(refused.get())
                : lookup.map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(candidate -> matches(candidate.map(Candidate::hash).orElse(dummyHash), secret)
                                .flatMap(ok -> ok && candidate.isPresent()
                                        ? tx.transactional(throttle.clear(tenant, principal, client)
                                                .then(newFamily(candidate.get().subject())))
                                        : Mono.error(AuthProblems.invalidCredentials()))))
                .flatMap(outcome -> switch (outcome) {
                    case Outcome.Refused r -> Mono.error(r.problem());
                    case Outcome.Granted g -> access(g.subject(), g.family(), g.refreshToken());
                });
    }

    /** Constant-time comparison by the encoder, off the event loop (BCrypt is deliberately slow). */
    private Mono<Boolean> matches(String hash, String secret) {
        return Mono.fromCallable(() -> secret != null && !secret.isEmpty() && encoder.matches(secret, hash))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Outcome> newFamily(Subject subject) {
        UUID family = UUID.randomUUID();
        return storeRefresh(family, subject).map(token -> new Outcome.Granted(subject, family, token));
    }

    private Mono<String> storeRefresh(UUID family, Subject subject) {
        String token = OpaqueTokens.generate();
        return refreshTokens.insert(family, subject.tenant(), subject.kind(), subject.id(), subject.roles(), OpaqueTokens.hash(token),
                clock.instant().plus(props.refreshTokenTtl())).thenReturn(token);
    }

    /** The access token names its login ({@code sid} = the refresh family): a live socket ends with it. */
    private Mono<Tokens> access(Subject s, UUID family, String refreshToken) {
        return issuer.issue(s.id(), s.tenant(), s.roles(), s.name(), family.toString())
                .map(a -> new Tokens(a.token(), refreshToken, a.expiresInSeconds(), "Bearer"));
    }

    /**
     * A refresh token is good once. Presented again it was copied: the whole family (this login
     * and every token rotated from it) is revoked, and the thief and the owner both log in again.
     */
    public Mono<Tokens> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(AuthProblems.invalidRefresh());
        }
        Instant now = clock.instant();
        Mono<Outcome> decide = refreshTokens.lockByHash(OpaqueTokens.hash(refreshToken))
                .flatMap(row -> {
                    if (row.revokedAt() != null) {
                        return Mono.just((Outcome) new Outcome.Refused(AuthProblems.invalidRefresh()));
                    }
                    if (row.usedAt() != null) {
                        log.warn("refresh token reuse in tenant {} for {} {}: family {} revoked", row.tenant(),
                                row.kind(), row.subjectId(), row.familyId());
                        return refreshTokens.revokeFamily(row.familyId(), now)
                                .thenReturn(new Outcome.Refused(AuthProblems.reused()));
                    }
                    if (!row.expiresAt().isAfter(now)) {
                        return Mono.just(new Outcome.Refused(AuthProblems.invalidRefresh()));
                    }
                    return refreshTokens.markUsed(row.id(), now)
                            .then(subject(row))
                            .flatMap(subject -> storeRefresh(row.familyId(), subject)
                                    .map(token -> (Outcome) new Outcome.Granted(subject, row.familyId(), token)))
                            .switchIfEmpty(refreshTokens.revokeFamily(row.familyId(), now)
                                    .thenReturn(new Outcome.Refused(AuthProblems.invalidRefresh())));
                })
                .defaultIfEmpty(new Outcome.Refused(AuthProblems.invalidRefresh()));
        return tx.transactional(decide).flatMap(outcome -> switch (outcome) {
            case Outcome.Refused r -> Mono.error(r.problem());
            case Outcome.Granted g -> access(g.subject(), g.family(), g.refreshToken());
        });
    }

    /** The subject as it is now: roles may have changed, and a deactivated one gets nothing. */
    private Mono<Subject> subject(RefreshTokenStore.Row row) {
        return switch (row.kind()) {
            case USER -> users.byId(row.tenant(), UUID.fromString(row.subjectId())).filter(u -> u.active())
                    .map(u -> new Subject(SubjectKind.USER, u.id().toString(), u.tenant(),
                            u.roles().stream().filter(row.grantedRoles()::contains).toList(), u.displayName()))
                    .filter(s -> !s.roles().isEmpty());
            case DEVICE -> devices.byId(row.tenant(), row.subjectId()).filter(d -> d.active())
                    .map(d -> new Subject(SubjectKind.DEVICE, d.deviceId(), d.tenant(), List.of(d.kind().name()), d.name()));
        };
    }

    /** Ends the login the refresh token belongs to. Unknown tokens are ignored: logout always succeeds. */
    public Mono<Void> logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return tx.transactional(refreshTokens.lockByHash(OpaqueTokens.hash(refreshToken))
                .flatMap(row -> refreshTokens.revokeFamily(row.familyId(), now))).then();
    }
}
