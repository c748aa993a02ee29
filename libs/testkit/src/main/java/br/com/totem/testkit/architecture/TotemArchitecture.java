package br.com.totem.testkit.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The suite's boundaries as ArchUnit rules, written once and checked by every module's tests
 * (each module extends {@link ServiceArchitectureTest} or calls these rules itself). They live in
 * testkit because testkit is a test-scoped dependency everywhere: production code never sees them.
 *
 * <ul>
 *   <li>the feature packages of a module (its base package's direct sub-packages) form a tree;</li>
 *   <li>a {@code domain} package holds plain Java: no Spring;</li>
 *   <li>a service uses only its own code, {@code libs/contracts} and {@code libs/platform}, never
 *       another service's;</li>
 *   <li>{@code libs/contracts} has no Spring (every service reads it, whatever it runs on);</li>
 *   <li>production code never uses {@code libs/testkit}.</li>
 * </ul>
 */
public final class TotemArchitecture {

    public static final String ROOT = "br.com.totem";
    public static final String CONTRACTS = ROOT + ".contracts";
    public static final String PLATFORM = ROOT + ".platform";
    public static final String TESTKIT = ROOT + ".testkit";
    private static final String SPRING = "org.springframework..";

    private TotemArchitecture() {
    }

    /** The production classes (test classes left out) of a base package, as compiled by Maven. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** No two feature packages ({@code basePackage.<feature>..}) depend on each other, directly or round a longer loop. */
    public static ArchRule featuresFormATree(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("feature '$1'")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .as("the feature packages of " + basePackage + " form a tree (no package loops)");
    }

    /** {@code ..domain..} packages are plain Java: they never use Spring. */
    public static ArchRule domainHasNoSpring() {
        return noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAPackage(SPRING)
                .allowEmptyShould(true)
                .as("domain packages use no Spring");
    }

    /**
     * A service's code ({@code servicePackage..}) uses, of the suite's own code, only itself,
     * {@code libs/contracts} and {@code libs/platform}: services talk through events and HTTP.
     */
    public static ArchRule serviceUsesNoOtherService(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAnyPackage(servicePackage + "..", CONTRACTS + "..", PLATFORM + ".."))))
                .as(servicePackage + " uses no other service (only contracts and platform)")
                .because("services only know each other's events and HTTP APIs");
    }

    /** {@code libs/contracts} (or a package standing for it) uses no Spring. */
    public static ArchRule contractsHaveNoSpring(String contractsPackage) {
        return noClasses().that().resideInAPackage(contractsPackage + "..")
                .should().dependOnClassesThat().resideInAPackage(SPRING)
                .as(contractsPackage + " uses no Spring");
    }

    /** Production code never uses {@code libs/testkit} (or a package standing for it). */
    public static ArchRule noProductionCodeUsesTestkit(String testkitPackage) {
        return noClasses().that().resideOutsideOfPackage(testkitPackage + "..")
                .should().dependOnClassesThat().resideInAPackage(testkitPackage + "..")
                .as("only tests use " + testkitPackage);
    }
}
