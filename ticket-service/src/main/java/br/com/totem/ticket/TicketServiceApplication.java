package br.com.totem.ticket;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
public class TicketServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(TicketServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD",
                "TOTEM_PII_KEYS", "TOTEM_PII_INDEX_KEY");
    }
}
