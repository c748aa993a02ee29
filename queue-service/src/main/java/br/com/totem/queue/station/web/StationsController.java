package br.com.totem.queue.station.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.security.Callers;
import br.com.totem.queue.station.Station;
import br.com.totem.queue.station.Stations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/stations")
@Tag(name = "setup")
class StationsController {

    private final Stations stations;

    StationsController(Stations stations) {
        this.stations = stations;
    }

    record StationView(UUID id, String name, List<UUID> serviceIds, boolean active) {
        static StationView of(Station s) {
            return new StationView(s.id(), s.name(), s.serviceIds(), s.active());
        }
    }

    record CreateStation(@NotBlank @Size(max = 60) String name, @Size(max = 50) List<UUID> serviceIds) {
    }

    record UpdateStation(@Size(min = 1, max = 60) String name, @Size(max = 50) List<UUID> serviceIds, Boolean active) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    @Operation(summary = "Stations of the tenant (operators pick one to open a session)")
    Flux<StationView> list() {
        return Callers.current().flatMapMany(stations::all).map(StationView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR','MANAGER','ADMIN')")
    Mono<StationView> get(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> stations.get(c, id)).map(StationView::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    @Operation(summary = "Create a station with the services it serves (none listed: every service)")
    Mono<StationView> create(@Valid @RequestBody CreateStation body) {
        return Callers.current().flatMap(c -> stations.create(c, body.name(), body.serviceIds())).map(StationView::of);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    @Operation(summary = "Rename, change services, activate or deactivate a station")
    Mono<StationView> update(@PathVariable UUID id, @Valid @RequestBody UpdateStation body) {
        return Callers.current().flatMap(c -> stations.update(c, id, body.name(), body.serviceIds(), body.active()))
                .map(StationView::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    @Operation(summary = "Deactivate a station (kept for history)")
    Mono<Void> deactivate(@PathVariable UUID id) {
        return Callers.current().flatMap(c -> stations.update(c, id, null, null, false)).then();
    }
}
