package br.com.totem.queue.live;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import br.com.totem.queue.config.QueueProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Redis that does not answer while queue-service starts must not end the start-up: the live
 * queue keeps trying to subscribe in the background (it once failed the whole service when the
 * connection took longer than the 2 s timeout on a loaded machine).
 */
class LiveQueueStartTest {

    @Test
    void startsWhileRedisIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", closedPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        connections.start();
        QueueProperties properties = new QueueProperties(null, null,
                new QueueProperties.Live("totem:test", Duration.ofSeconds(15), 64, 100, 5, Duration.ofSeconds(10)));
        LiveQueue live = new LiveQueue(new ReactiveStringRedisTemplate(connections), connections, null,
                JsonMapper.builder().build(), properties, new SimpleMeterRegistry());
        try {
            assertThatCode(live::start).doesNotThrowAnyException();
        } finally {
            live.stop();
            connections.destroy();
        }
    }
}
