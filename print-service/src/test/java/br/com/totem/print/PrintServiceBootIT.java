package br.com.totem.print;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/** print-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrintServiceBootIT extends ServiceBootChecks {
}
