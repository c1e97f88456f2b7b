package io.transmute.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.transmute.core.torch.Scope;
import org.junit.jupiter.api.Test;

/** The CLI is a shell over transmute-core: it parses, calls core and prints, and never touches native tensors. */
class ThinShellTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.transmute.cli");

    @Test
    void usesNothingFromTheNativeBindings() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .because("tensor code belongs in transmute-core").check(CLI);
    }

    @Test
    void opensNoNativeScope() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(Scope.class)
                .because("scopes manage native memory, which is transmute-core's concern").check(CLI);
    }
}
