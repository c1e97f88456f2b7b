package io.transmute.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of transmute-core, lowest first: a class may use its own layer and those below, never one
 * above, and the packages form no cycle. The order is the one docs/ARCHITECTURE.md describes.
 */
class LayeringTest {
    private static final String CORE = "io.transmute.core";
    /** Lowest first; packages on one line form one layer. The root package holds the exceptions. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("torch", "random", "option"),
            List.of("io"),
            List.of("nn", "data"),
            List.of("loss", "optim"),
            List.of("model"),
            List.of("dist"),
            List.of("train"),
            List.of("report", "infer", "eval", "export", "download", "bench"),
            List.of("serve"));

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(CORE);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void noPackageUsesALayerAboveIt() {
        for (int level = 0; level < LAYERS.size(); level++) {
            String[] above = packages(LAYERS.subList(level + 1, LAYERS.size()));
            if (above.length == 0) {
                continue;
            }
            noClasses().that().resideInAnyPackage(packages(List.of(LAYERS.get(level))))
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because("layers point down only: " + LAYERS).check(core);
        }
    }

    @Test
    void theExceptionsAtTheRootUseNoPackage() {
        noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage(packages(LAYERS)).check(core);
    }

    @Test
    void everyPackageHasALayer() {
        List<String> known = new ArrayList<>(List.of(packages(LAYERS)));
        known.add(CORE);
        classes().should().resideInAnyPackage(known.toArray(String[]::new))
                .because("a new package needs its place in LAYERS").check(core);
    }

    private static String[] packages(List<List<String>> layers) {
        return layers.stream().flatMap(List::stream).map(p -> CORE + "." + p + "..").toArray(String[]::new);
    }
}
