package br.com.totem.print.support;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A print-service test over real HTTP (the subclass says how the service is configured with its own
 * {@code @SpringBootTest}): before each test a fresh tenant ({@link PrintApi}) and kiosk device.
 */
public abstract class PrintIT {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    protected PrintApi api;
    protected String device;

    @BeforeEach
    void freshTenantAndDevice() {
        api = new PrintApi(port, context);
        device = "totem-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
