package br.com.totem.platform.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.lettuce.core.ClientOptions;

/**
 * Redis is optional to every request path (ADR 0005): while it is away, a command must fail at
 * once so that the caller's fallback runs (limits fail open or count locally, the live queue
 * serves its snapshot from PostgreSQL). Lettuce by default queues commands while disconnected
 * until each one's timeout — with Redis stopped, every sale waited twice the command timeout
 * (issue 12 item 8). Here commands are rejected while the connection is down, and Lettuce keeps
 * reconnecting in the background.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class})
public class RedisClientAutoConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer totemRejectCommandsWhileDisconnected() {
        return options -> options
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
