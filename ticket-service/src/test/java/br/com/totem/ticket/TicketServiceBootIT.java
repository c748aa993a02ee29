package br.com.totem.ticket;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import br.com.totem.testkit.ServiceBootChecks;

/**
 * ticket-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints.
 * A fresh context: the boot checks read the whole Prometheus scrape through a 256 KB client buffer, which the
 * latency histograms of a context that already served every other test's endpoints outgrow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class TicketServiceBootIT extends ServiceBootChecks {
}
