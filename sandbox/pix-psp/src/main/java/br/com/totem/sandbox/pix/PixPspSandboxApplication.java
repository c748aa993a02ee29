package br.com.totem.sandbox.pix;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import br.com.totem.sandbox.kit.Sandboxes;

/** Stand-in for the bank's BACEN Pix API v2 (Sicredi), for dev runs, demos and end-to-end tests. */
@SpringBootApplication
@EnableConfigurationProperties(SandboxProperties.class)
@EnableScheduling
@Import(Sandboxes.class)
public class PixPspSandboxApplication {

    public static void main(String[] args) {
        Sandboxes.run(PixPspSandboxApplication.class, args);
    }

    /** Starts the sandbox inside another application's JVM (payment-service's tests, a test's TLS bank). */
    public static ConfigurableApplicationContext startEmbedded(Map<String, Object> properties) {
        return Sandboxes.startEmbedded(PixPspSandboxApplication.class, "pix-psp", properties);
    }
}
