package br.com.totem.testkit;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at this run's infrastructure (see {@link TestInfrastructure}).
 * Registered in {@code META-INF/spring.factories}, so a service test needs no set-up of its own.
 * The service id comes from {@code totem.service-id} in the service's application.yml.
 */
public class TotemTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var env = context.getEnvironment();
            if (!env.getProperty("totem.test-infra.enabled", Boolean.class, true)) {
                return;
            }
            String serviceId = env.getProperty("totem.service-id", "test");
            env.getPropertySources().addFirst(new MapPropertySource("totem-test-infrastructure",
                    TestInfrastructure.get().propertiesFor(serviceId)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
