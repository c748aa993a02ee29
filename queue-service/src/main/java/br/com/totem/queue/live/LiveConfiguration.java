package br.com.totem.queue.live;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebFilter;

import br.com.totem.queue.config.QueueProperties;

@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    @Bean
    HandlerMapping liveSockets(LiveQueue live, QueueProperties properties) {
        return new SimpleUrlHandlerMapping(Map.of(
                "/ws/queue", new LiveSocketHandler(live, LiveMessage.Audience.OPERATOR, properties.live()),
                "/ws/panel", new LiveSocketHandler(live, LiveMessage.Audience.PANEL, properties.live())), -1);
    }

    @Bean
    @Order(-200)
    WebFilter liveSocketQueryToken() {
        return LiveSocketAccess.queryToken();
    }

    @Bean
    @Order(0) // after Spring Security (-100): the caller is known
    WebFilter liveSocketRoles() {
        return LiveSocketAccess.roles();
    }
}
