package br.com.totem.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import br.com.totem.platform.config.RequiredSecrets;

/** How every service starts: secrets checked first, then Spring. */
public final class TotemApplication {

    private TotemApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String[] args, String... requiredSecrets) {
        RequiredSecrets.verifyOrExit(requiredSecrets);
        return SpringApplication.run(application, args);
    }
}
