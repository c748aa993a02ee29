package br.com.totem.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import br.com.totem.platform.TotemApplication;

/** The only door into the suite: routes, tokens and roles, rate limits, hardening, the web apps. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        TotemApplication.run(GatewayApplication.class, args);
    }
}
