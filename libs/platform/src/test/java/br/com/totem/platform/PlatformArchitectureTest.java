package br.com.totem.platform;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import br.com.totem.testkit.architecture.TotemArchitecture;

/** libs/platform: its packages form a tree, it knows contracts and nothing of the services, tests alone use the testkit. */
class PlatformArchitectureTest {

    private final JavaClasses classes = TotemArchitecture.productionClasses(TotemArchitecture.PLATFORM);

    @Test
    void packagesFormATree() {
        TotemArchitecture.featuresFormATree(TotemArchitecture.PLATFORM).check(classes);
    }

    @Test
    void domainPackagesUseNoSpring() {
        TotemArchitecture.domainHasNoSpring().check(classes);
    }

    @Test
    void usesNoService() {
        TotemArchitecture.serviceUsesNoOtherService(TotemArchitecture.PLATFORM).check(classes);
    }

    @Test
    void productionCodeUsesNoTestkit() {
        TotemArchitecture.noProductionCodeUsesTestkit(TotemArchitecture.TESTKIT).check(classes);
    }
}
