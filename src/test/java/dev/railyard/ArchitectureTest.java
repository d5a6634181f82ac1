package dev.railyard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of the house style: one engine, three faces. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.railyard");
    }

    @Test
    void engineNeverDependsOnJavaFx() {
        noClasses().that().resideInAPackage("dev.railyard.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void engineNeverDependsOnTheUiOrTheCli() {
        noClasses().that().resideInAPackage("dev.railyard.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.railyard.ui..", "dev.railyard.cli..", "picocli..")
                .check(classes);
    }

    @Test
    void cliNeverDependsOnJavaFxSoItRunsWithoutADisplay() {
        noClasses().that().resideInAPackage("dev.railyard.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "dev.railyard.ui..")
                .check(classes);
    }

    @Test
    void onlyTheCliAndMainWriteToStandardStreams() {
        noClasses().that().resideOutsideOfPackages("dev.railyard.cli..").and().doNotHaveFullyQualifiedName("dev.railyard.Main")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the engine and the UI log with SLF4J")
                .check(classes);
    }
}
