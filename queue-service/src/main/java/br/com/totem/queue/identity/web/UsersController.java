package br.com.totem.queue.identity.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.security.Callers;
import br.com.totem.queue.identity.StaffDirectory;
import br.com.totem.queue.identity.domain.StaffUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Validated
@Tag(name = "setup", description = "Users, devices and stations of the caller's tenant (MANAGER)")
class UsersController {

    private final StaffDirectory directory;

    UsersController(StaffDirectory directory) {
        this.directory = directory;
    }

    record UserView(UUID id, String username, String displayName, List<String> roles, boolean hasPin, boolean active) {
        static UserView of(StaffUser u) {
            return new UserView(u.id(), u.username(), u.displayName(), u.roles(), u.pinHash() != null, u.active());
        }
    }

    record CreateUser(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String username,
                      @NotBlank @Size(max = 80) String displayName, @NotEmpty List<String> roles,
                      @NotBlank @Size(min = 8, max = 256) String password, @Size(max = 8) String pin) {
    }

    record UpdateUser(@Size(min = 1, max = 80) String displayName, List<String> roles,
                      @Size(min = 8, max = 256) String password, @Size(max = 8) String pin, Boolean active) {
    }

    @GetMapping
    @Operation(summary = "Users of the tenant, by username")
    Flux<UserView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
        return Callers.current().flatMapMany(c -> directory.users(c, page, size)).map(UserView::of);
    }

    @GetMapping("/{id}")
    Mono<UserView> get(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> directory.user(c, id)).map(UserView::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user; a PIN only for operators; only an ADMIN grants ADMIN")
    Mono<UserView> create(@Valid @RequestBody CreateUser body) {
        return Callers.current().flatMap(c -> directory.createUser(c, new StaffDirectory.NewUser(body.username(),
                body.displayName(), body.roles(), body.password(), body.pin()))).map(UserView::of);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change name, roles, password, PIN or active; a new secret or deactivation ends the user's logins")
    Mono<UserView> update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body) {
        return Callers.current().flatMap(c -> directory.updateUser(c, id, new StaffDirectory.UserChange(body.displayName(),
                body.roles(), body.password(), body.pin(), body.active()))).map(UserView::of);
    }
}
