package br.com.totem.platform.apidocs;

import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI names its server as {@code /}, relative to wherever the document was read:
 * through the gateway's Swagger UI, "Try it out" calls the gateway (with its token checks, limits and
 * routes) instead of the service's own port, which is closed in production (issue 12 Low).
 */
@AutoConfiguration
@ConditionalOnClass(ServerBaseUrlCustomizer.class)
public class ApiDocsAutoConfiguration {

    @Bean
    ServerBaseUrlCustomizer totemRelativeServerUrl() {
        return (serverBaseUrl, request) -> "/";
    }
}
