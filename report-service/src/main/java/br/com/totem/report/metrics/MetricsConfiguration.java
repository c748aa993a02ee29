package br.com.totem.report.metrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.report.config.ReportProperties;

/** The business gauges are refreshed on every instance (each one is scraped). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    PeriodicJob businessGaugesJob(BusinessGauges gauges, ReportProperties properties) {
        return PeriodicJob.named("report-business-gauges").every(properties.metricsRefresh()).run(gauges::refresh);
    }
}
