package br.com.totem.platform.data;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * Every service's PostgreSQL connections are bounded in time (issue 12 items 4 and 9), so that
 * neither a slow statement, a lock nobody releases nor a half-open connection can hang a request
 * or a loop for ever:
 * <ul>
 * <li>{@code statement_timeout} ({@code totem.db.statement-timeout}) ends any statement that runs longer;</li>
 * <li>{@code lock_timeout} ({@code totem.db.lock-timeout}) ends a wait for a row, table or advisory lock;</li>
 * <li>{@code idle_in_transaction_session_timeout} ({@code totem.db.idle-in-transaction-timeout}): the server
 * ends a session whose transaction waits on its client — a client that vanished behind a half-open connection —
 * so its locks (the outbox relay's advisory lock) are released;</li>
 * <li>TCP keepalive on, and a connect timeout ({@code totem.db.connect-timeout}).</li>
 * </ul>
 * The pool's acquire, create and lifetime limits are {@code spring.r2dbc.pool.*} in platform-defaults.yml.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ConnectionFactoryOptionsBuilderCustomizer.class, PostgresqlConnectionFactoryProvider.class})
public class DatabaseTimeoutsAutoConfiguration {

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer totemDatabaseTimeouts(Environment env) {
        Map<String, String> server = serverSettings(env);
        Duration connect = env.getProperty("totem.db.connect-timeout", Duration.class, Duration.ofSeconds(5));
        return builder -> builder
                .option(PostgresqlConnectionFactoryProvider.OPTIONS, server)
                .option(PostgresqlConnectionFactoryProvider.TCP_KEEPALIVE, true)
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, connect);
    }

    /** The session settings each connection starts with (milliseconds, PostgreSQL's unit for them). */
    static Map<String, String> serverSettings(Environment env) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("statement_timeout", millis(env, "totem.db.statement-timeout", Duration.ofSeconds(30)));
        settings.put("lock_timeout", millis(env, "totem.db.lock-timeout", Duration.ofSeconds(10)));
        settings.put("idle_in_transaction_session_timeout",
                millis(env, "totem.db.idle-in-transaction-timeout", Duration.ofSeconds(60)));
        return settings;
    }

    private static String millis(Environment env, String key, Duration fallback) {
        return String.valueOf(env.getProperty(key, Duration.class, fallback).toMillis());
    }
}
