package br.com.totem.queue.counter.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.queue.counter.QueueView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "public")
class PublicQueueController {

    private final QueueView view;

    PublicQueueController(QueueView view) {
        this.view = view;
    }

    @GetMapping("/api/v1/public/queue/{statusToken}")
    @SecurityRequirements
    @Operation(summary = "A ticket's place in line for whoever holds its QR code: number, status, position, estimated wait",
            description = "No personal data: no name, CPF or phone.")
    Mono<QueueView.PublicStatus> status(@PathVariable @Size(max = 128) String statusToken) {
        return view.publicStatus(statusToken).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket")));
    }
}
