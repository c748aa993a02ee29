package br.com.totem.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.report.support.DayOfEvents;
import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestInfrastructure;

/**
 * Redis stops while the service runs (the service reaches it through a proxy the test cuts: every open
 * connection is closed and new ones are refused, as when Redis is stopped; the shared Redis keeps running).
 * Events keep folding, the dashboard answers from the database with the new numbers, and once Redis is back
 * the entry cached before the outage is not served again: its drop, missed meanwhile, is made first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "totem.report.dashboard-ttl=10m")
class DashboardRedisStopsIT {

    static final TcpProxy redisLink = new TcpProxy(TestInfrastructure.get().endpoints().redisHost(),
            TestInfrastructure.get().endpoints().redisPort());

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", redisLink::host);
        registry.add("spring.data.redis.port", redisLink::port);
    }

    @AfterAll
    static void closeProxy() {
        redisLink.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void theDashboardSurvivesRedisStoppingAndComesBackFresh() {
        String tenant = "redis-stops-" + UUID.randomUUID().toString().substring(0, 8);
        DayOfEvents generator = new DayOfEvents(tenant.hashCode(), tenant, DashboardIT.ZONE, true);
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        DashboardIT.ticketsToday(context, db, generator, tenant, 5);
        assertThat(DashboardIT.dashboard(http, tenant)).containsEntry("created", 5);
        assertThat(redis.hasKey(DashboardCache.key(tenant)).block()).isTrue();

        redisLink.cut();
        DashboardIT.ticketsToday(context, db, generator, tenant, 4); // events still fold
        for (int i = 0; i < 3; i++) {
            assertThat(DashboardIT.dashboard(http, tenant)).containsEntry("created", 9); // from the database
        }

        redisLink.restore();
        // Redis is tried again after the cache's rest; the entry of before the outage (5) must not come back
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(DashboardIT.dashboard(http, tenant)).containsEntry("created", 9);
            assertThat(redis.opsForValue().get(DashboardCache.key(tenant)).block()).contains("\"created\":9");
        });
        assertThat(DashboardIT.dashboard(http, tenant)).containsEntry("created", 9);
    }
}
