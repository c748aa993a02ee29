package br.com.totem.payment;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/** payment-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentServiceBootIT extends ServiceBootChecks {
}
