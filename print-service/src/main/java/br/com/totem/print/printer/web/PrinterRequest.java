package br.com.totem.print.printer.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A manager's create or full update of a printer. Messages in pt-BR: the back office shows them. */
@Schema(description = "A ticket printer of the tenant")
public record PrinterRequest(
        @Schema(example = "Balcão da entrada")
        @NotNull(message = "Informe o nome.")
        @Pattern(regexp = "\\s*\\S.{0,58}\\S\\s*", message = "O nome deve ter de 2 a 60 caracteres.")
        String name,
        @Schema(description = "the kiosk device (its login subject) whose tickets this printer prints", example = "totem-01")
        @Size(max = 100, message = "O dispositivo deve ter no máximo 100 caracteres.")
        @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "O dispositivo deve ter só letras, números e . _ : @ -")
        String kioskDevice,
        @Schema(description = "TCP (raw ESC/POS, print-service connects) or CLOUDPRNT (the printer polls)", example = "TCP")
        @NotNull(message = "Informe a conexão.")
        @Pattern(regexp = "TCP|CLOUDPRNT", message = "A conexão deve ser TCP ou CLOUDPRNT.")
        String connection,
        @Schema(description = "TCP: the printer's host name or IP address on the shop network", example = "192.168.0.50")
        @Size(max = 253, message = "O endereço deve ter no máximo 253 caracteres.")
        @Pattern(regexp = "[A-Za-z0-9.:-]+", message = "Informe um nome de host ou endereço IP válido.")
        String host,
        @Schema(description = "TCP: default 9100", example = "9100")
        @Min(value = 1, message = "A porta deve ser de 1 a 65535.")
        @Max(value = 65535, message = "A porta deve ser de 1 a 65535.")
        Integer port,
        @Schema(description = "ESC/POS character table; default CP860 (Portuguese)", example = "CP860")
        @Pattern(regexp = "CP860|CP850|CP858|WPC1252", message = "A tabela de caracteres deve ser CP860, CP850, CP858 ou WPC1252.")
        String codePage,
        @Schema(description = "58 or 80", example = "80")
        @NotNull(message = "Informe a largura do papel.")
        Integer paperWidthMm,
        @Schema(description = "CLOUDPRNT only: PNG (default; every CloudPRNT printer prints it) or ESCPOS (raw ESC/POS "
                + "bytes as application/octet-stream, for an agent beside an ESC/POS printer; Star printers refuse it)",
                example = "PNG")
        @Pattern(regexp = "PNG|ESCPOS", message = "O formato CloudPRNT deve ser PNG ou ESCPOS.")
        String cloudPrntMedia) {
}
