package br.com.totem.sandbox.printer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stand-in for a raw TCP 9100 ESC/POS receipt printer, with a web page of what it printed. */
@SpringBootApplication
public class EscposPrinterSandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscposPrinterSandboxApplication.class, args);
    }
}
