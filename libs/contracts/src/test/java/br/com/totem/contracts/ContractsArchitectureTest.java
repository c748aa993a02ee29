package br.com.totem.contracts;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import br.com.totem.testkit.architecture.TotemArchitecture;

/** libs/contracts is plain Java every service can read: no Spring, no service, no testkit. */
class ContractsArchitectureTest {

    private final JavaClasses classes = TotemArchitecture.productionClasses(TotemArchitecture.CONTRACTS);

    @Test
    void usesNoSpring() {
        TotemArchitecture.contractsHaveNoSpring(TotemArchitecture.CONTRACTS).check(classes);
    }

    @Test
    void usesNoService() {
        TotemArchitecture.serviceUsesNoOtherService(TotemArchitecture.CONTRACTS).check(classes);
    }

    @Test
    void productionCodeUsesNoTestkit() {
        TotemArchitecture.noProductionCodeUsesTestkit(TotemArchitecture.TESTKIT).check(classes);
    }
}
