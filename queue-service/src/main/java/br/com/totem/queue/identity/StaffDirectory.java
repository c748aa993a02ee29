package br.com.totem.queue.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.security.Caller;
import br.com.totem.platform.security.Roles;
import br.com.totem.queue.identity.domain.Device;
import br.com.totem.queue.identity.domain.DeviceKind;
import br.com.totem.queue.identity.domain.StaffUser;
import br.com.totem.queue.identity.store.DeviceStore;
import br.com.totem.queue.identity.store.RefreshTokenStore;
import br.com.totem.queue.identity.store.UserStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Managers set up the staff and devices of their own tenant; every change is audited in its
 * transaction. Only an admin grants or touches ADMIN. Changing a secret or deactivating ends
 * every open login of that user or device.
 */
@Service
public class StaffDirectory {

    static final Set<String> STAFF_ROLES = Set.of(Roles.ADMIN, Roles.MANAGER, Roles.OPERATOR);
    static final String USERNAME_TAKEN = ProblemTypes.BASE + "username-taken";
    static final String DEVICE_ID_TAKEN = ProblemTypes.BASE + "device-id-taken";

    private final UserStore users;
    private final DeviceStore devices;
    private final RefreshTokenStore refreshTokens;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public StaffDirectory(UserStore users, DeviceStore devices, RefreshTokenStore refreshTokens, PasswordEncoder encoder,
                          AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.devices = devices;
        this.refreshTokens = refreshTokens;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public record NewUser(String username, String displayName, List<String> roles, String password, String pin) {
    }

    public record UserChange(String displayName, List<String> roles, String password, String pin, Boolean active) {
    }

    public record NewDevice(String deviceId, DeviceKind kind, String name, String secret, UUID printerId) {
    }

    public record DeviceChange(String name, String secret, UUID printerId, Boolean active) {
    }

    public Flux<StaffUser> users(Caller caller, int page, int size) {
        return users.all(caller.tenant(), size, (long) page * size);
    }

    public Mono<StaffUser> user(Caller caller, UUID id) {
        return users.byId(caller.tenant(), id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + id)));
    }

    public Mono<StaffUser> createUser(Caller caller, NewUser req) {
        List<String> roles = checkRoles(caller, req.roles());
        checkPin(req.pin(), roles);
        String username = AuthService.normalise(req.username());
        return Mono.zip(hash(req.password()), hashOrEmpty(req.pin()))
                .flatMap(h -> {
                    StaffUser user = new StaffUser(UUID.randomUUID(), caller.tenant(), username, req.displayName().trim(), roles,
                            h.getT1(), h.getT2().isEmpty() ? null : h.getT2(), true);
                    return tx.transactional(users.insert(user).flatMap(inserted -> inserted
                            ? audit.record(caller, "user.create", "user", user.id().toString(),
                                    Map.of("username", username, "roles", roles, "pin", user.pinHash() != null)).thenReturn(user)
                            : Mono.error(new ProblemException(HttpStatus.CONFLICT, USERNAME_TAKEN, "Username taken",
                                    "Já existe um usuário " + username))));
                });
    }

    public Mono<StaffUser> updateUser(Caller caller, UUID id, UserChange change) {
        return user(caller, id).flatMap(current -> {
            if (current.roles().contains(Roles.ADMIN) && !caller.hasRole(Roles.ADMIN)) {
                return Mono.error(forbidden("Somente um administrador altera um administrador"));
            }
            List<String> roles = change.roles() == null ? current.roles() : checkRoles(caller, change.roles());
            if (change.pin() != null) {
                checkPin(change.pin(), roles);
            }
            boolean endLogins = change.password() != null || change.pin() != null
                    || Boolean.FALSE.equals(change.active()) || !roles.equals(current.roles());
            return Mono.zip(change.password() == null ? Mono.just(current.passwordHash()) : hash(change.password()),
                            change.pin() == null ? Mono.just(current.pinHash() == null ? "" : current.pinHash()) : hashOrEmpty(change.pin()))
                    .flatMap(h -> {
                        String pinHash = h.getT2().isEmpty() || !roles.contains(Roles.OPERATOR) ? null : h.getT2();
                        StaffUser next = new StaffUser(current.id(), current.tenant(), current.username(),
                                change.displayName() == null ? current.displayName() : change.displayName().trim(), roles,
                                h.getT1(), pinHash, change.active() == null ? current.active() : change.active());
                        Map<String, Object> details = new LinkedHashMap<>();
                        if (change.displayName() != null) details.put("displayName", next.displayName());
                        if (change.roles() != null) details.put("roles", roles);
                        if (change.password() != null) details.put("password", "changed");
                        if (change.pin() != null) details.put("pin", "changed");
                        if (change.active() != null) details.put("active", next.active());
                        return tx.transactional(users.update(next)
                                .then(endLogins ? refreshTokens.revokeSubject(caller.tenant(), RefreshTokenStore.SubjectKind.USER,
                                        current.id().toString(), clock.instant()).then() : Mono.empty())
                                .then(audit.record(caller, "user.update", "user", current.id().toString(), details))
                                .thenReturn(next));
                    });
        });
    }

    public Flux<Device> devices(Caller caller, int page, int size) {
        return devices.all(caller.tenant(), size, (long) page * size);
    }

    public Mono<Device> device(Caller caller, String deviceId) {
        return devices.byId(caller.tenant(), AuthService.normalise(deviceId))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Device " + deviceId)));
    }

    public Mono<Device> createDevice(Caller caller, NewDevice req) {
        String id = AuthService.normalise(req.deviceId());
        return hash(req.secret()).flatMap(secretHash -> {
            Device device = new Device(caller.tenant(), id, req.kind(), req.name().trim(), secretHash, req.printerId(), true);
            return tx.transactional(devices.insert(device).flatMap(inserted -> inserted
                    ? audit.record(caller, "device.create", "device", id, details(device)).thenReturn(device)
                    : Mono.error(new ProblemException(HttpStatus.CONFLICT, DEVICE_ID_TAKEN, "Device id taken",
                            "Já existe um dispositivo " + id))));
        });
    }

    public Mono<Device> updateDevice(Caller caller, String deviceId, DeviceChange change) {
        return device(caller, deviceId).flatMap(current -> (change.secret() == null ? Mono.just(current.secretHash()) : hash(change.secret()))
                .flatMap(secretHash -> {
                    Device next = new Device(current.tenant(), current.deviceId(), current.kind(),
                            change.name() == null ? current.name() : change.name().trim(), secretHash,
                            change.printerId() == null ? current.printerId() : change.printerId(),
                            change.active() == null ? current.active() : change.active());
                    boolean endLogins = change.secret() != null || Boolean.FALSE.equals(change.active());
                    Map<String, Object> details = details(next);
                    if (change.secret() != null) details.put("secret", "changed");
                    return tx.transactional(devices.update(next)
                            .then(endLogins ? refreshTokens.revokeSubject(caller.tenant(), RefreshTokenStore.SubjectKind.DEVICE,
                                    current.deviceId(), clock.instant()).then() : Mono.empty())
                            .then(audit.record(caller, "device.update", "device", current.deviceId(), details))
                            .thenReturn(next));
                }));
    }

    private static Map<String, Object> details(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind().name());
        m.put("name", d.name());
        m.put("active", d.active());
        if (d.printerId() != null) m.put("printerId", d.printerId().toString());
        return m;
    }

    private static List<String> checkRoles(Caller caller, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw invalid("Informe ao menos um papel");
        }
        List<String> roles = requested.stream().map(String::trim).map(r -> r.toUpperCase(java.util.Locale.ROOT)).distinct().sorted().toList();
        for (String r : roles) {
            if (!STAFF_ROLES.contains(r)) {
                throw invalid("Papel inválido para um usuário: " + r);
            }
        }
        if (roles.contains(Roles.ADMIN) && !caller.hasRole(Roles.ADMIN)) {
            throw forbidden("Somente um administrador concede o papel ADMIN");
        }
        return roles;
    }

    private static void checkPin(String pin, List<String> roles) {
        if (pin == null || pin.isEmpty()) {
            return;
        }
        if (!pin.matches("\\d{4,8}")) {
            throw invalid("O PIN tem de 4 a 8 dígitos");
        }
        if (!roles.contains(Roles.OPERATOR)) {
            throw invalid("Somente operadores entram com PIN");
        }
    }

    private Mono<String> hash(String secret) {
        return Mono.fromCallable(() -> encoder.encode(secret)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<String> hashOrEmpty(String secret) {
        return secret == null || secret.isEmpty() ? Mono.just("") : hash(secret);
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }
}
