package br.com.totem.queue;

import org.springframework.boot.test.context.SpringBootTest;

import br.com.totem.testkit.ServiceBootChecks;

/**
 * queue-service boots on real PostgreSQL and RabbitMQ, migrates its database and serves its operational endpoints.
 * queue-service checks tokens against its own key ring; the shared boot checks sign theirs with testkit's key, so
 * testkit's JWKS is configured here as an external issuer (the same path an OIDC issuer would take).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"totem.queue.identity.external-jwks-uri=${TOTEM_JWKS_URI}",
                "totem.queue.identity.external-issuer=" + br.com.totem.testkit.TestTokens.ISSUER})
class QueueServiceBootIT extends ServiceBootChecks {
}
