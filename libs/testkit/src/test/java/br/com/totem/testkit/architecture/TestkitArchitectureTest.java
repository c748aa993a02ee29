package br.com.totem.testkit.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/** libs/testkit checks its own packages like every module does. */
class TestkitArchitectureTest {

    private final JavaClasses classes = TotemArchitecture.productionClasses(TotemArchitecture.TESTKIT);

    @Test
    void packagesFormATree() {
        TotemArchitecture.featuresFormATree(TotemArchitecture.TESTKIT).check(classes);
    }

    @Test
    void usesNoServiceNorPlatform() {
        // testkit sits under every module's tests, the platform's included: it cannot depend on any of them
        TotemArchitecture.serviceUsesNoOtherService(TotemArchitecture.TESTKIT).check(classes);
    }
}
