package br.com.totem.testkit.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The rules every service checks: extend it with the service's base package, e.g.
 * {@code class PaymentArchitectureTest extends ServiceArchitectureTest { PaymentArchitectureTest() {
 * super("br.com.totem.payment"); } }}. Only the service's production classes are read.
 */
public abstract class ServiceArchitectureTest {

    private final String basePackage;
    private final JavaClasses classes;

    protected ServiceArchitectureTest(String basePackage) {
        this.basePackage = basePackage;
        this.classes = TotemArchitecture.productionClasses(basePackage);
    }

    @Test
    void featurePackagesFormATree() {
        TotemArchitecture.featuresFormATree(basePackage).check(classes);
    }

    @Test
    void domainPackagesUseNoSpring() {
        TotemArchitecture.domainHasNoSpring().check(classes);
    }

    @Test
    void usesNoOtherService() {
        TotemArchitecture.serviceUsesNoOtherService(basePackage).check(classes);
    }

    @Test
    void productionCodeUsesNoTestkit() {
        TotemArchitecture.noProductionCodeUsesTestkit(TotemArchitecture.TESTKIT).check(classes);
    }
}
