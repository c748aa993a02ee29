package br.com.totem.ticket.catalog.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A manager's create or full update of a catalog service. Messages in pt-BR: the back office shows them. */
@Schema(description = "A service the kiosk sells")
public record ServiceRequest(
        @Schema(example = "Banheira de Gelo")
        @NotNull(message = "Informe o nome.")
        @Pattern(regexp = "\\s*\\S.{0,78}\\S\\s*", message = "O nome deve ter de 2 a 80 caracteres.")
        String name,
        @Size(max = 500, message = "A descrição deve ter no máximo 500 caracteres.")
        String description,
        @Schema(description = "price in centavos", example = "6000")
        @NotNull(message = "Informe o preço.")
        @Min(value = 0, message = "O preço não pode ser negativo.")
        @Max(value = 10_000_000, message = "O preço deve ser no máximo R$ 100.000,00.")
        Long priceCents,
        @Schema(example = "15")
        @NotNull(message = "Informe a duração.")
        @Min(value = 1, message = "A duração deve ser de 1 a 600 minutos.")
        @Max(value = 600, message = "A duração deve ser de 1 a 600 minutos.")
        Integer durationMinutes,
        @Schema(description = "1–3 upper-case letters, unique in the tenant", example = "G")
        @NotNull(message = "Informe o prefixo.")
        @Pattern(regexp = "[A-Z]{1,3}", message = "O prefixo deve ter de 1 a 3 letras maiúsculas.")
        String prefix,
        @Schema(example = "#1E88E5")
        @NotNull(message = "Informe a cor.")
        @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "A cor deve estar no formato #RRGGBB.")
        String color,
        @Schema(description = "default true")
        Boolean active,
        @Schema(description = "position on the kiosk, lowest first; default 0")
        @Min(value = 0, message = "A ordem deve ser de 0 a 999.")
        @Max(value = 999, message = "A ordem deve ser de 0 a 999.")
        Integer displayOrder) {
}
