package io.modelwatch.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog's layers: rest (HTTP) and dashboard (HTML pages) on top, service (transactions, orchestration), store
 * (SQL and JDBC), domain (the catalog's rules, free of HTTP and SQL); messaging and telemetry beside them.
 */
class ArchitectureTest {

    private static final String BASE = "io.modelwatch.catalog";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".rest..")
                .check(classes);
    }

    @Test
    void storeDependsOnNoHigherLayer() {
        noClasses().that().resideInAPackage(BASE + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rest..", BASE + ".dashboard..", BASE + ".service..",
                        BASE + ".messaging..")
                .check(classes);
    }

    @Test
    void domainDependsOnNothingElseOfTheCatalog() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rest..", BASE + ".dashboard..", BASE + ".service..",
                        BASE + ".store..", BASE + ".messaging..", BASE + ".telemetry..")
                .check(classes);
    }

    @Test
    void serviceAndDomainAreFreeOfHttpAndSql() {
        noClasses().that().resideInAnyPackage(BASE + ".service..", BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "java.sql..", "javax.sql..", "io.agroal..")
                .check(classes);
    }

    @Test
    void serviceAndDomainAreFreeOfProblemDocuments() {
        noClasses().that().resideInAnyPackage(BASE + ".service..", BASE + ".domain..")
                .should().dependOnClassesThat().resideInAPackage("io.modelwatch.problem..")
                .because("a client error there is a type of their own (InvalidQuery, AdminConflict) that rest answers as problem+json")
                .check(classes);
    }
}
