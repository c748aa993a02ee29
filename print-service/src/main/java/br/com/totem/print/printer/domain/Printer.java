package br.com.totem.print.printer.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's ticket printer.
 *
 * @param kioskDevice the kiosk device (its token's subject) whose tickets it prints, or null
 * @param host        TCP only: the printer's address on the shop network
 * @param port        TCP only: usually 9100
 * @param codePage    {@code ESC t} table, e.g. "CP860"
 */
public record Printer(UUID id, String tenant, String name, String kioskDevice, Connection connection, String host,
                      Integer port, String codePage, int paperWidthMm, Instant createdAt, Instant updatedAt) {

    /** How print-service reaches the printer. */
    public enum Connection {
        /** Raw ESC/POS on TCP (9100): print-service connects, inside the shop's network. */
        TCP,
        /** Star CloudPRNT: the printer polls print-service over HTTPS, so it works behind NAT. */
        CLOUDPRNT
    }

    public Printer {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(name, "name");
        requireNonNull(connection, "connection");
        requireNonNull(codePage, "codePage");
        if (connection == Connection.TCP && (host == null || port == null)) {
            throw new IllegalArgumentException("a TCP printer needs host and port");
        }
        if (paperWidthMm != 58 && paperWidthMm != 80) {
            throw new IllegalArgumentException("paper width is 58 or 80 mm");
        }
    }
}
