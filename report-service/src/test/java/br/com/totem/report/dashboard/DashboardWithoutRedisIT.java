package br.com.totem.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.report.support.DayOfEvents;

/**
 * Redis unreachable for this service (pointed at a closed port; the shared Redis keeps running): events
 * still fold and the dashboard answers from the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardWithoutRedisIT {

    @DynamicPropertySource
    static void redisNowhere(DynamicPropertyRegistry registry) throws Exception {
        int port = DashboardIT.closedPort();
        registry.add("spring.data.redis.port", () -> port);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;

    @Test
    void theDashboardAnswersFromTheDatabase() {
        String tenant = "noredis-" + System.nanoTime();
        DashboardIT.ticketsToday(context, db, new DayOfEvents(tenant.hashCode(), tenant, DashboardIT.ZONE, true), tenant, 9);
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        Map<String, Object> body = DashboardIT.dashboard(http, tenant);
        assertThat(body).containsEntry("created", 9);
        assertThat(DashboardIT.dashboard(http, tenant)).containsEntry("created", 9);
    }
}
