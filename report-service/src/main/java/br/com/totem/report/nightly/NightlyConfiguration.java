package br.com.totem.report.nightly;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.report.config.ReportProperties;

/** The nightly files run on the platform's periodic-work mechanism, on one instance at a time (docs/platform.md). */
@Configuration(proxyBeanMethods = false)
class NightlyConfiguration {

    @Bean
    PeriodicJob nightlyReportsJob(NightlyReports nightly, ReportProperties properties) {
        return PeriodicJob.named("nightly-reports").every(properties.nightly().checkInterval()).onOneInstance()
                .run(nightly::runDue);
    }
}
