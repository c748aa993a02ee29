package br.com.totem.platform.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code totem.events.*}, {@code totem.outbox.*}, {@code totem.inbox.*}: defaults in platform-defaults.yml. */
@Validated
@ConfigurationProperties("totem")
public record EventsProperties(@NotBlank String serviceId, @NotNull Events events, @NotNull Outbox outbox,
                               @NotNull Inbox inbox) {

    public record Events(@NotBlank String exchange, List<String> consumes, @Min(1) int maxAttempts) {
        public Events {
            consumes = consumes == null ? List.of() : List.copyOf(consumes);
        }
    }

    /** @param batchTimeout one relay batch ends (rolled back, counted as a failure, retried) after this */
    public record Outbox(@NotNull Duration pollInterval, @Min(1) int batchSize, @NotNull Duration confirmTimeout,
                         @NotNull Duration maxBackoff, @NotNull Duration batchTimeout, @NotNull Duration retention) {
    }

    public record Inbox(@NotNull Duration retention, @NotNull Duration handlerTimeout) {
    }
}
