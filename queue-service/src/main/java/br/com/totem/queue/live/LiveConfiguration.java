package br.com.totem.queue.live;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebFilter;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.platform.security.PathRules;
import br.com.totem.queue.config.QueueProperties;

@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    @Bean
    HandlerMapping liveSockets(LiveQueue live, QueueProperties properties, LiveSessions sessions) {
        return new SimpleUrlHandlerMapping(Map.of(
                "/ws/queue", new LiveSocketHandler(live, LiveMessage.Audience.OPERATOR, properties.live(), sessions),
                "/ws/panel", new LiveSocketHandler(live, LiveMessage.Audience.PANEL, properties.live(), sessions)), -1);
    }

    @Bean
    @Order(-200)
    WebFilter liveSocketQueryToken() {
        return LiveSocketAccess.queryToken();
    }

    /** Who may open which socket: in the security chain, on the decoded path. */
    @Bean
    PathRules liveSocketRules() {
        return LiveSocketAccess.rules();
    }

    /** Every instance closes its own sockets whose login was revoked. */
    @Bean
    PeriodicJob liveSocketRevocations(LiveSessions sessions, QueueProperties properties) {
        return PeriodicJob.named("live-socket-revocations").every(properties.live().revocationCheck()).run(sessions::closeRevoked);
    }
}
