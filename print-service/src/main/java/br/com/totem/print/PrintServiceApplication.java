package br.com.totem.print;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PrintServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(PrintServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
    }
}
