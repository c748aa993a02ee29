package br.com.totem.sandbox.printer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import br.com.totem.sandbox.kit.Sandboxes;

/** Stand-in for a raw TCP 9100 ESC/POS receipt printer, with a web page of what it printed. */
@SpringBootApplication
@Import(Sandboxes.class)
public class EscposPrinterSandboxApplication {

    public static void main(String[] args) {
        Sandboxes.run(EscposPrinterSandboxApplication.class, args);
    }

    /** Starts the printer inside another application's JVM (print-service's tests) on random web and TCP ports. */
    public static ConfigurableApplicationContext startEmbedded(Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sandbox.printer.port", "0");
        p.putAll(properties);
        return Sandboxes.startEmbedded(EscposPrinterSandboxApplication.class, "escpos-printer", p);
    }
}
