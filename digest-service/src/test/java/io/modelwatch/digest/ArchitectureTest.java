package io.modelwatch.digest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.modelwatch.problem.BodyCheck;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digest's packages and the directions they may depend in:
 * <pre>
 * rest ─┬─► service (reviews, read model, publication) ─► render ─► review (pure: reviews, periods, languages)
 *       ├─► subscription ─► store (SQL, entities, repositories, the leased queue) ─► review
 *       ├─► mail, webhook (the outbox senders)
 * messaging ─► service
 * </pre>
 * plus config and telemetry, which the others use.
 */
class ArchitectureTest {

    static final String BASE = "io.modelwatch.digest";

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".rest..")
                .check(classes);
    }

    @Test
    void storeDependsOnNoLayerAboveIt() {
        noClasses().that().resideInAPackage(BASE + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rest..", BASE + ".service..",
                        BASE + ".messaging..", BASE + ".subscription..", BASE + ".mail..", BASE + ".webhook..",
                        BASE + ".render..")
                .check(classes);
    }

    @Test
    void theDomainUsesNeitherHttpNorJdbc() {
        noClasses().that().resideInAnyPackage(BASE + ".review..", BASE + ".service..", BASE + ".render..",
                        BASE + ".subscription..", BASE + ".mail..", BASE + ".webhook..", BASE + ".messaging..",
                        BASE + ".config..", BASE + ".telemetry..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "java.sql..")
                .check(classes);
    }

    /**
     * Answers to HTTP are the rest layer's: below it, a request's checks are constraints on its record (applied by the
     * rest layer) and a refusal is an exception of the service's own, which the rest layer maps to a problem document.
     * (TransientFailures, which tells a dependency that is away from a bug, may be used anywhere.)
     */
    @Test
    void onlyRestAnswersWithProblemDocuments() {
        noClasses().that().resideOutsideOfPackage(BASE + ".rest..")
                .should().dependOnClassesThat().belongToAnyOf(Problem.class, ProblemException.class, BodyCheck.class)
                .check(classes);
    }

    @Test
    void reviewsAreComputedWithoutTheRestOfTheService() {
        noClasses().that().resideInAPackage(BASE + ".review..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".render..", BASE + ".service..",
                        BASE + ".store..", BASE + ".subscription..", BASE + ".mail..", BASE + ".webhook..",
                        BASE + ".messaging..", BASE + ".config..", BASE + ".telemetry..")
                .check(classes);
    }
}
