package br.com.totem.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Each rule fails on purpose on a small bad package (in {@code fixture}, test sources only) and
 * passes on its good twin: a rule that cannot fail would prove nothing in the modules that use it.
 */
class TotemArchitectureTest {

    private static final String FIXTURE = "br.com.totem.testkit.architecture.fixture";

    private static JavaClasses fixture(String... packages) {
        String[] full = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            full[i] = FIXTURE + "." + packages[i];
        }
        return new ClassFileImporter().importPackages(full);
    }

    @Test
    void aLoopBetweenFeaturePackagesFails() {
        assertThatThrownBy(() -> TotemArchitecture.featuresFormATree(FIXTURE + ".loop").check(fixture("loop")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("feature 'a'")
                .hasMessageContaining("feature 'b'");
        assertThatCode(() -> TotemArchitecture.featuresFormATree(FIXTURE + ".tree").check(fixture("tree")))
                .doesNotThrowAnyException();
    }

    @Test
    void springInADomainPackageFails() {
        assertThatThrownBy(() -> TotemArchitecture.domainHasNoSpring().check(fixture("springy")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework.util.Assert");
        assertThatCode(() -> TotemArchitecture.domainHasNoSpring().check(fixture("plain")))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceUsingAnotherServiceFails() {
        assertThatThrownBy(() -> TotemArchitecture.serviceUsesNoOtherService(FIXTURE + ".service.own")
                .check(fixture("service")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Checkout")
                .hasMessageContaining("Ledger");
        // its own code alone passes
        assertThatCode(() -> TotemArchitecture.serviceUsesNoOtherService(FIXTURE + ".service.own")
                .check(new ClassFileImporter().importClasses(br.com.totem.testkit.architecture.fixture.service.own.Fees.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void springInContractsFails() {
        assertThatThrownBy(() -> TotemArchitecture.contractsHaveNoSpring(FIXTURE + ".contracts").check(fixture("contracts")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework.util.StringUtils");
        assertThatCode(() -> TotemArchitecture.contractsHaveNoSpring(FIXTURE + ".plain").check(fixture("plain")))
                .doesNotThrowAnyException();
    }

    @Test
    void productionCodeUsingTheTestkitFails() {
        assertThatThrownBy(() -> TotemArchitecture.noProductionCodeUsesTestkit(FIXTURE + ".kit").check(fixture("app", "kit")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Startup")
                .hasMessageContaining("Helper");
        assertThatCode(() -> TotemArchitecture.noProductionCodeUsesTestkit(FIXTURE + ".kit").check(fixture("tree", "kit")))
                .doesNotThrowAnyException();
    }

    @Test
    void productionClassesLeaveTestsOut() {
        // this test class and its fixtures are test classes: the production view of the package has none of them
        assertThat(new ClassFileImporter().importPackages(FIXTURE).contain(FIXTURE + ".loop.a.Alpha")).isTrue();
        assertThat(TotemArchitecture.productionClasses(FIXTURE).contain(FIXTURE + ".loop.a.Alpha")).isFalse();
    }
}
