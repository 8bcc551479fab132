package io.modelwatch.contract.validation;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.contract.parameters.ParameterCount;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;
import org.hibernate.validator.cfg.context.TypeConstraintMappingContext;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotEmptyDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The validation contract, one for every service: ingest refuses a request that breaks it (and checks the event it
 * made from the request once more before sending it), and every consumer checks the events it reads with it, so whatever
 * ingest accepts the catalog can store.
 *
 * <p>Hibernate Validator with the constraints of the shared records ({@code Organization}, {@code Links},
 * {@code LocalizedText}, {@code Source}: annotations on their components), of the request records that use these
 * annotations, and of the events, whose constraints are mapped here by field name so that the event records stay
 * free of annotations (they are built and changed by many hands). Messages are plain (no expression language).
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
     * most values are valid, and Hibernate Validator's own run costs about ten times as much. False: let it decide.
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
    public record EventOnly(String slug, ParameterCount parameters, String publisher) {
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
        ConstraintMapping mapping = config.createConstraintMapping();
        // slug and kind may be absent in data from older producers (the key is the slug; kind defaults to model)
        TypeConstraintMappingContext<ReleaseAnnounced> announced = mapping.type(ReleaseAnnounced.class);
        slug(announced.field("slug"));
        parameters(announced.field("parameters"));
        publisher(announced.field("publisher"));
        announced.field("name").constraint(new NotBlankDef()).constraint(new SizeDef().max(Limits.NAME))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("organizations").constraint(new NotEmptyDef().message("needs at least one organisation")).constraint(new SizeDef().max(Limits.ORGANIZATIONS))
                .containerElementType().constraint(new NotNullDef()).valid()
                .field("published").constraint(new GenericConstraintDef<>(PublishedWithin.class))
                .field("modalities").constraint(new SizeDef().max(Limits.TERMS))
                .containerElementType().constraint(new NotBlankDef()).constraint(new SizeDef().max(Limits.TERM))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("tasks").constraint(new SizeDef().max(Limits.TERMS))
                .containerElementType().constraint(new NotBlankDef()).constraint(new SizeDef().max(Limits.TERM))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("tags").constraint(new SizeDef().max(Limits.TERMS))
                .containerElementType().constraint(new NotBlankDef()).constraint(new SizeDef().max(Limits.TERM))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("architecture").constraint(new SizeDef().max(Limits.TERM)).constraint(new GenericConstraintDef<>(PlainText.class))
                .field("baseModel").constraint(new SizeDef().max(Limits.TERM)).constraint(new GenericConstraintDef<>(PlainText.class))
                .field("links").valid()
                .field("summary").valid()
                .field("source").valid();
        TypeConstraintMappingContext<EventOnly> eventOnly = mapping.type(EventOnly.class);
        slug(eventOnly.field("slug"));
        parameters(eventOnly.field("parameters"));
        publisher(eventOnly.field("publisher"));
        mapping.type(ReleaseRetracted.class)
                .field("slug").constraint(new NotBlankDef()).constraint(new SizeDef().max(Limits.NAME * 4))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("announcementEventId").constraint(new NotBlankDef()).constraint(new SizeDef().max(64))
                .constraint(new GenericConstraintDef<>(PlainText.class))
                .field("reason").constraint(new SizeDef().max(Limits.TEXT)).constraint(new GenericConstraintDef<>(PlainText.class))
                .field("publisher").constraint(new SizeDef().max(Limits.ORGANIZATION_NAME))
                .constraint(new GenericConstraintDef<>(PlainText.class));
        return config.addMapping(mapping).buildValidatorFactory().getValidator();
    }

    // The properties EventOnly shares with ReleaseAnnounced, constrained alike on both.
    private static void slug(PropertyConstraintMappingContext slug) {
        slug.constraint(new SizeDef().max(Limits.NAME * 4)).constraint(new GenericConstraintDef<>(PlainText.class));
    }

    private static void parameters(PropertyConstraintMappingContext parameters) {
        parameters.constraint(new GenericConstraintDef<>(PhysicalParameterCount.class));
    }

    private static void publisher(PropertyConstraintMappingContext publisher) {
        publisher.constraint(new SizeDef().max(Limits.ORGANIZATION_NAME)).constraint(new GenericConstraintDef<>(PlainText.class));
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
