package br.com.totem.platform.jobs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import io.micrometer.core.instrument.MeterRegistry;

/** Runs the service's {@link PeriodicJob} beans. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.r2dbc.core.DatabaseClient")
@ConditionalOnBean(DatabaseClient.class)
public class PeriodicJobsAutoConfiguration {

    @Bean
    PeriodicJobs periodicJobs(ObjectProvider<PeriodicJob> jobs, DatabaseClient db, Environment environment,
                              MeterRegistry meters) {
        return new PeriodicJobs(jobs.orderedStream().toList(), db,
                environment.getProperty("totem.service-id", environment.getProperty("spring.application.name", "totem")),
                meters);
    }
}
