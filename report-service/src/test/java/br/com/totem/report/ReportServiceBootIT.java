package br.com.totem.report;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/** report-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportServiceBootIT extends ServiceBootChecks {
}
