package br.com.totem.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's own authorization rules by path, added to the platform's security chain after the
 * public paths and before "anything else needs a valid token". Spring Security's path matchers
 * compare decoded path segments, so {@code /ws/%71ueue} meets the rule written for
 * {@code /ws/queue}: never decide access on the raw path string in a filter of one's own.
 * Method-level {@code @PreAuthorize} remains the rule for controllers; this is for what has no
 * controller method (WebSocket handshakes).
 */
@FunctionalInterface
public interface PathRules {

    void apply(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}
