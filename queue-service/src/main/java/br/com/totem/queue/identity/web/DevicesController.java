package br.com.totem.queue.identity.web;

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
import br.com.totem.queue.identity.domain.Device;
import br.com.totem.queue.identity.domain.DeviceKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/devices")
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Validated
@Tag(name = "setup")
class DevicesController {

    private final StaffDirectory directory;

    DevicesController(StaffDirectory directory) {
        this.directory = directory;
    }

    record DeviceView(String deviceId, DeviceKind kind, String name, UUID printerId, boolean active) {
        static DeviceView of(Device d) {
            return new DeviceView(d.deviceId(), d.kind(), d.name(), d.printerId(), d.active());
        }
    }

    record CreateDevice(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String deviceId,
                        @NotNull DeviceKind kind, @NotBlank @Size(max = 80) String name,
                        @NotBlank @Size(min = 8, max = 256) String secret, UUID printerId) {
    }

    record UpdateDevice(@Size(min = 1, max = 80) String name, @Size(min = 8, max = 256) String secret, UUID printerId,
                        Boolean active) {
    }

    @GetMapping
    @Operation(summary = "Kiosks and panels of the tenant")
    Flux<DeviceView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
        return Callers.current().flatMapMany(c -> directory.devices(c, page, size)).map(DeviceView::of);
    }

    @GetMapping("/{deviceId}")
    Mono<DeviceView> get(@PathVariable String deviceId) {
        return Callers.current().flatMap(c -> directory.device(c, deviceId)).map(DeviceView::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a kiosk (with its printer) or a panel and its secret")
    Mono<DeviceView> create(@Valid @RequestBody CreateDevice body) {
        return Callers.current().flatMap(c -> directory.createDevice(c, new StaffDirectory.NewDevice(body.deviceId(),
                body.kind(), body.name(), body.secret(), body.printerId()))).map(DeviceView::of);
    }

    @PutMapping("/{deviceId}")
    @Operation(summary = "Rename, change printer, rotate the secret or deactivate; a new secret ends the device's logins")
    Mono<DeviceView> update(@PathVariable String deviceId, @Valid @RequestBody UpdateDevice body) {
        return Callers.current().flatMap(c -> directory.updateDevice(c, deviceId, new StaffDirectory.DeviceChange(body.name(),
                body.secret(), body.printerId(), body.active()))).map(DeviceView::of);
    }
}
