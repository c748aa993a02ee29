package br.com.totem.queue.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A queue-service test over real HTTP (the subclass configures the service with its own
 * {@code @SpringBootTest}): a client of the running service and the {@link QueueFixtures} on it.
 */
public abstract class QueueIT {

    @LocalServerPort
    protected int port;
    @Autowired
    protected ApplicationContext context;

    protected WebTestClient http;
    protected QueueFixtures fixtures;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        fixtures = new QueueFixtures(context, http);
    }
}
