package br.com.totem.ticket;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/** ticket-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TicketServiceBootIT extends ServiceBootChecks {
}
