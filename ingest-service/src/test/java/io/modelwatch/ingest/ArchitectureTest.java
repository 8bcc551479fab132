package io.modelwatch.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of ingest and what may depend on what:
 * {@code rest} (HTTP resources, filters, the answers only HTTP gives, problem documents) → {@code service} (the
 * intake, the ledger, feeds) → {@code store} (entities and SQL); {@code api} holds the request and answer records that
 * the service reads and returns; {@code messaging} (Kafka), {@code feed} (fetching and reading feeds) and {@code config}
 * serve the service.
 */
class ArchitectureTest {

    private static final String INGEST = "io.modelwatch.ingest";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(INGEST);

    @Test
    void noPackageCycles() {
        slices().matching(INGEST + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage(INGEST + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(INGEST + ".rest..")
                .check(CLASSES);
    }

    @Test
    void theStoreDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage(INGEST + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(INGEST + ".rest..", INGEST + ".service..",
                        INGEST + ".messaging..", INGEST + ".api..", INGEST + ".feed..")
                .check(CLASSES);
    }

    @Test
    void onlyRestSpeaksHttpAndOnlyTheStoreSql() {
        noClasses().that().resideOutsideOfPackages(INGEST + ".rest..", INGEST + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.modelwatch.problem..", "java.sql..")
                .check(CLASSES);
        noClasses().that().resideInAPackage(INGEST + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.modelwatch.problem..")
                .check(CLASSES);
    }
}
