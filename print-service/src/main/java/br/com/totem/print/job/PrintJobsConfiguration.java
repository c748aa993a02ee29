package br.com.totem.print.job;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.EventHandlers;
import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.print.config.PrintProperties;

/** What the print-job feature consumes and the periodic work it runs (docs/platform.md). */
@Configuration(proxyBeanMethods = false)
class PrintJobsConfiguration {

    @Bean
    EventHandlers printJobEvents(JobIntake intake, JobAnonymisation anonymisation) {
        return EventHandlers.forFeature("print-jobs")
                .on(TicketPaid.class, intake::ticketPaid)
                .on(CustomerAnonymised.class, anonymisation::customerAnonymised)
                .build();
    }

    /** One instance at a time prints, so a printer never gets two jobs at once, even with several instances. */
    @Bean
    PeriodicJob printWorkerJob(PrintWorker worker, PrintProperties properties) {
        return PeriodicJob.named("print-worker").every(properties.pollInterval()).onOneInstance().run(worker::printDueJobs);
    }
}
