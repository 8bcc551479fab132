package io.modelwatch.contract.validation;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.parameters.ParameterCount;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The validation contract, one for every service: ingest refuses a request that breaks it (and checks the event it
 * made from the request once more before sending it), and every consumer checks the events it reads with it, so whatever
 * ingest accepts the catalog can store.
 *
 * <p>Hibernate Validator with the constraints on the components of the contract's records (the events, and the shared
 * {@code Organization}, {@code Links}, {@code LocalizedText}, {@code Source}) and of the request records that use the
 * same annotations: a field and its rules are declared in one place. Messages are plain (no expression language).
 */
public final class ContractValidator {

    private static final Validator VALIDATOR = build();

    /**
     * Rules of acceptance, which hold on the day a value is accepted and may not on a later day (a publication date at
     * most a year ahead of today, {@link PublishedWithin}): ingest refuses by them, a consumer, which stores what was
     * accepted on some day, does not.
     */
    private static final Set<Class<? extends Annotation>> ACCEPTANCE = Set.of(PublishedWithin.class);

    /** The quick check of each type validated (empty for a type it cannot cover). */
    private static final ClassValue<QuickCheck> QUICK = new ClassValue<>() {
        @Override
        protected QuickCheck computeValue(Class<?> type) {
            return QuickCheck.of(VALIDATOR, type);
        }
    };

    /** The bad fields of {@code value} by every rule of the contract, sorted by field; empty when it is valid. */
    public static List<Violation> violations(Object value) {
        if (passesQuickly(value)) {
            return List.of();
        }
        return sorted(VALIDATOR.validate(value).stream());
    }

    /**
     * The bad fields of {@code value} by the rules that do not depend on the day (the rules of acceptance left out):
     * what a consumer checks of an event before it stores it. Sorted by field; empty when it can be stored.
     */
    public static List<Violation> storageViolations(Object value) {
        if (passesQuickly(value)) {
            return List.of();
        }
        return sorted(VALIDATOR.validate(value).stream()
                .filter(v -> !ACCEPTANCE.contains(v.getConstraintDescriptor().getAnnotation().annotationType())));
    }

    /**
     * True when {@code value} breaks no rule, found without building the validator's report (see {@link QuickCheck}):
     * most values are valid, and Hibernate Validator's own run costs about five times as much. False: let it decide.
     */
    private static boolean passesQuickly(Object value) {
        return value != null && QUICK.get(value.getClass()).passes(value);
    }

    private static List<Violation> sorted(Stream<ConstraintViolation<Object>> found) {
        return found
                .map(v -> new Violation(field(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    /**
     * The properties of an announcement's event that its request does not state: made by ingest (the slug, the parsed
     * parameter count) or not from the request (the publisher), constrained as on {@link ReleaseAnnounced}. Ingest,
     * which has checked the request, checks these on the event it built: one small validation instead of the event's
     * whole (Hibernate Validator's {@code validateProperty} walks every constraint of the type for each property).
     */
    public record EventOnly(@Size(max = Limits.NAME * 4) @PlainText String slug,
                            @PhysicalParameterCount ParameterCount parameters,
                            @Size(max = Limits.ORGANIZATION_NAME) @PlainText String publisher) {
        public static EventOnly of(ReleaseAnnounced event) {
            return new EventOnly(event.slug(), event.parameters(), event.publisher());
        }
    }

    /** The Bean Validation validator of the contract (for callers that want the violations themselves). */
    public static Validator validator() {
        return VALIDATOR;
    }

    /** "organizations[0].name" as the request's JSON names it; "tags[3]" for an element of a list of strings. */
    static String field(Path path) {
        String field = path.toString().replaceAll("\\.?<[^>]*>", "");
        return field.isEmpty() ? "$" : field;
    }

    private static Validator build() {
        // Traverse every property: the contract's values are records, never JPA entities. Left to its default, Hibernate
        // Validator asks JPA (on the classpath of ingest, which uses Hibernate ORM) whether each property of each value
        // is loaded, which was about half the cost of a validation in ingest's hot path; with nothing to ask, its
        // per-validation cache of the answers is left off too.
        HibernateValidatorConfiguration config = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .traversableResolver(new TraverseAll())
                .enableTraversableResolverResultCache(false);
        return config.buildValidatorFactory().getValidator();
    }

    /** Every property is reachable and cascadable. */
    private static final class TraverseAll implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType elementType) {
            return true;
        }
    }

    private ContractValidator() {
    }
}
