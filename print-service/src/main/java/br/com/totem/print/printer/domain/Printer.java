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
 * @param pullMedia   CLOUDPRNT only: what the printer is sent when it polls
 */
public record Printer(UUID id, String tenant, String name, String kioskDevice, Connection connection, String host,
                      Integer port, String codePage, int paperWidthMm, PullMedia pullMedia, Instant createdAt,
                      Instant updatedAt) {

    /** How print-service reaches the printer. */
    public enum Connection {
        /** Raw ESC/POS on TCP (9100): print-service connects, inside the shop's network. */
        TCP,
        /** Star CloudPRNT: the printer polls print-service over HTTPS, so it works behind NAT. */
        CLOUDPRNT
    }

    /** What a CloudPRNT printer is offered when it polls. */
    public enum PullMedia {
        /** The ticket as a PNG the printer's width, printed pixel for pixel: every CloudPRNT printer takes it. */
        PNG,
        /**
         * The ticket's ESC/POS bytes as {@code application/octet-stream} (with the PNG as second choice), for a
         * client that prints them as they are, such as an agent beside an ESC/POS printer; Star printers refuse it.
         */
        ESCPOS
    }

    public Printer {
        requireNonNull(id, "id");
        pullMedia = pullMedia == null ? PullMedia.PNG : pullMedia;
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
