package br.com.totem.sandbox.pix;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stand-in for the bank's BACEN Pix API v2 (Sicredi), for dev runs, demos and end-to-end tests. */
@SpringBootApplication
public class PixPspSandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(PixPspSandboxApplication.class, args);
    }
}
