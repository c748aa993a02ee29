package br.com.totem.report.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** Time is injected so tests move it (the nightly job) instead of waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
