package br.com.totem.print.pull;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.print.config.PrintProperties;

/** The pull path's periodic watch (docs/platform.md: periodic work). */
@Configuration(proxyBeanMethods = false)
class PullConfiguration {

    @Bean
    PeriodicJob cloudPrntWatchJob(CloudPrnt cloudPrnt, PrintProperties properties) {
        return PeriodicJob.named("cloudprnt-watch").every(properties.pollInterval()).onOneInstance().run(cloudPrnt::watch);
    }
}
