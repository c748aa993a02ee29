package br.com.totem.print;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
public class PrintServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(PrintServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
    }
}
