package br.com.totem.queue;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/** queue-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueServiceBootIT extends ServiceBootChecks {
}
