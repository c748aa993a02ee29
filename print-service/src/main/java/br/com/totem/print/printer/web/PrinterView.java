package br.com.totem.print.printer.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import br.com.totem.print.printer.domain.Printer;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A ticket printer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrinterView(
        UUID id, String name, String kioskDevice, String connection, String host, Integer port, String codePage,
        int paperWidthMm,
        @Schema(description = "CLOUDPRNT only: PNG or ESCPOS, what the printer is sent when it polls")
        String cloudPrntMedia,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "CLOUDPRNT only, and only in the answer that created the printer: the printer's own "
                + "secret, to configure in its server URL; it is not stored and cannot be read again")
        String cloudPrntToken) {

    static PrinterView of(Printer p) {
        return of(p, null);
    }

    static PrinterView of(Printer p, String token) {
        return new PrinterView(p.id(), p.name(), p.kioskDevice(), p.connection().name(), p.host(), p.port(),
                p.codePage(), p.paperWidthMm(),
                p.connection() == Printer.Connection.CLOUDPRNT ? p.pullMedia().name() : null,
                p.createdAt(), p.updatedAt(), token);
    }
}
