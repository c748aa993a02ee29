package br.com.totem.report;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(ReportServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
    }
}
