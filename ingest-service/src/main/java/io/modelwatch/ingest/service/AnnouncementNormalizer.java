package io.modelwatch.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Source;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.contract.validation.Texts;
import io.modelwatch.contract.validation.Violation;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.ingest.api.AnnouncementRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks an announcement and turns it into the event the rest of the system trusts: enums resolved,
 * the date's precision kept, the parameter count exact. Every bad field is reported at once.
 */
@ApplicationScoped
public class AnnouncementNormalizer {

    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public AnnouncementNormalizer(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    AnnouncementNormalizer(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The event for {@code request}, announced now. */
    public ReleaseAnnounced normalize(AnnouncementRequest request, String publisher) {
        return normalize(request, publisher, now());
    }

    /** Now, as PostgreSQL keeps it (microseconds): the announcedAt of what is accepted now. */
    public Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The event for {@code request} with {@code announcedAt} (as from {@link #now()}: one for all lines of a batch). */
    public ReleaseAnnounced normalize(AnnouncementRequest request, String publisher, Instant announcedAt) {
        if (request == null) {
            throw new Refusal(Refusal.Reason.INVALID, "The body is empty: send an announcement as JSON.");
        }
        // The contract's limits first (lengths, sizes, characters, links, date range): a field that breaks them is not
        // read further, so no check below works on (or repeats in its message) a megabyte of text.
        List<FieldError> errors = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        for (Violation v : ContractValidator.violations(request)) {
            errors.add(new FieldError(v.field(), v.message()));
            broken.add(v.field());
        }

        Cleaning clean = new Cleaning();
        String name = broken.contains("name") ? null : clean.text(request.name());
        String slug = null;
        if (broken.contains("name")) {
            // named above
        } else if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else {
            try {
                slug = Slugs.of(name);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("name", e.getMessage()));
            }
        }

        List<Organization> organizations = new ArrayList<>();
        if (request.organizations() == null || request.organizations().isEmpty()) {
            errors.add(new FieldError("organizations", "at least one organisation is required"));
        } else {
            for (int i = 0; i < request.organizations().size(); i++) {
                var org = request.organizations().get(i);
                String at = "organizations[" + i + "]";
                if (org == null || broken.contains(at + ".name") || broken.contains(at + ".country")) {
                    continue;
                }
                String orgName = clean.text(org.name());
                String country = trimmed(org.country());
                if (orgName == null) {
                    errors.add(new FieldError("organizations[" + i + "].name", "is required"));
                }
                if (country != null) {
                    country = country.toUpperCase(Locale.ROOT);
                    if (!isCountryCode(country)) {
                        errors.add(new FieldError("organizations[" + i + "].country",
                                "'" + org.country() + "' is not an ISO 3166-1 alpha-2 country code such as CN or US"));
                    }
                }
                List<String> others = new ArrayList<>();
                if (org.otherCountries() != null && !broken.contains(at + ".otherCountries")) {
                    for (int j = 0; j < org.otherCountries().size(); j++) {
                        String other = trimmed(org.otherCountries().get(j));
                        if (other == null || broken.contains(at + ".otherCountries[" + j + "]")) {
                            continue;
                        }
                        other = other.toUpperCase(Locale.ROOT);
                        if (!isCountryCode(other)) {
                            errors.add(new FieldError(at + ".otherCountries[" + j + "]",
                                    "'" + org.otherCountries().get(j) + "' is not an ISO 3166-1 alpha-2 country code such as CN or US"));
                        } else if (!other.equals(country) && !others.contains(other)) {
                            others.add(other);
                        }
                    }
                }
                organizations.add(new Organization(orgName, country, others));
            }
        }

        PublishedDate published = null;
        if (!broken.contains("published") && trimmed(request.published()) != null) {
            try {
                published = PublishedDate.parse(request.published());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("published", e.getMessage()));
            }
        }

        ParameterCount parameters = null;
        try {
            parameters = Measures.parameters(request.parameters());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("parameters", e.getMessage()));
        }

        TrainingCompute trainingCompute = null;
        try {
            trainingCompute = Measures.trainingCompute(request.trainingCompute());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("trainingCompute", e.getMessage()));
        }

        Kind kind = request.kind() == null || broken.contains("kind") ? Kind.MODEL : oneOf("kind", request.kind(), Kind.class, errors);
        Accessibility accessibility = broken.contains("accessibility") ? null
                : oneOf("accessibility", request.accessibility(), Accessibility.class, errors);
        Confidence confidence = request.confidence() == null || broken.contains("confidence")
                ? Confidence.CONFIDENT : oneOf("confidence", request.confidence(), Confidence.class, errors);

        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        ReleaseAnnounced event = ReleaseAnnouncedBuilder.builder()
                .slug(slug).kind(kind).name(name).nameZh(clean.text(request.nameZh()))
                .organizations(organizations).published(published).parameters(parameters)
                .trainingCompute(trainingCompute)
                .modalities(clean.list(request.modalities(), s -> s.toLowerCase(Locale.ROOT)))
                .tasks(clean.list(request.tasks(), Function.identity()))
                .accessibility(accessibility)
                .architecture(clean.text(request.architecture()))
                .baseModel(clean.text(request.baseModel()))
                .tags(clean.list(request.tags(), s -> s.toLowerCase(Locale.ROOT)))
                .links(links(request.links())).summary(summary(request.summary(), clean)).source(source(request.source(), clean))
                .confidence(confidence).publisher(publisher).announcedAt(announcedAt)
                .build();
        // The event as every consumer checks it, so that what ingest accepts the catalog can store. The request check
        // above covered the fields copied from the request as long as normalising them made none longer (strip only
        // shortens; NFC and lower case rarely lengthen): then only what the request does not state is checked here
        // (the whole event costs three times the request's check on the batch path: docs/performance.md).
        List<FieldError> eventErrors = clean.grew ? ContractValidator.violations(event).stream()
                .map(v -> new FieldError(v.field(), v.message())).toList() : notInTheRequest(event);
        if (!eventErrors.isEmpty()) {
            throw invalid(eventErrors);
        }
        return event;
    }

    /**
     * The event's constrained properties that the request check cannot cover: made here (slug, the parameter count) or
     * not from the request (publisher), {@link ContractValidator.EventOnly}'s. AnnouncementNormalizerTest fails when the
     * contract constrains another property of the event that the request does not.
     */
    static final List<String> EVENT_ONLY = java.util.Arrays.stream(ContractValidator.EventOnly.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    private static List<FieldError> notInTheRequest(ReleaseAnnounced event) {
        List<Violation> violations = ContractValidator.violations(ContractValidator.EventOnly.of(event));
        return violations.isEmpty() ? List.of() : violations.stream().map(v -> new FieldError(v.field(), v.message())).toList();
    }

    /** Texts normalised for the event, noting whether one came out longer than the request's (then over a limit?). */
    private static final class Cleaning {
        boolean grew;

        String text(String raw) {
            String t = Texts.normalized(raw);
            grew |= t != null && t.length() > raw.length();
            return t;
        }

        /** Normalised, blanks dropped, in the given form, each once, in order (a loop: these lists have a few entries). */
        List<String> list(List<String> values, Function<String, String> form) {
            if (values == null || values.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(values.size());
            for (String value : values) {
                String t = Texts.normalized(value);
                if (t != null) {
                    t = form.apply(t);
                    grew |= t.length() > value.length();
                    if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            return java.util.Collections.unmodifiableList(out);
        }
    }

    private static Refusal invalid(List<FieldError> errors) {
        return new Refusal(Refusal.Reason.INVALID, errors.size() == 1
                ? "The announcement has a bad field." : "The announcement has " + errors.size() + " bad fields.", errors);
    }

    private static Links links(Links links) {
        return links == null ? null : new Links(trimmed(links.paper()), trimmed(links.code()), trimmed(links.weights()),
                trimmed(links.announcement()));
    }

    private static LocalizedText summary(LocalizedText summary, Cleaning clean) {
        return summary == null ? null : new LocalizedText(clean.text(summary.en()), clean.text(summary.zh()));
    }

    private static Source source(Source source, Cleaning clean) {
        return source == null ? null : new Source(trimmed(source.url()), clean.text(source.name()));
    }

    /** The JSON names of each enum's constants, read once per enum type. */
    private final Map<Class<?>, Map<String, Enum<?>>> enumNames = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        Map<String, Enum<?>> names = enumNames.computeIfAbsent(type, t -> {
            Map<String, Enum<?>> byName = new LinkedHashMap<>();
            for (E constant : type.getEnumConstants()) {
                byName.put(json.convertValue(constant, String.class), constant);
            }
            return byName;
        });
        E found = (E) names.get(value.trim().toLowerCase(Locale.ROOT));
        if (found == null) {
            errors.add(new FieldError(field, "'" + value + "' is not one of: " + String.join(", ", names.keySet())));
        }
        return found;
    }

    /** Two ASCII capitals (ISO 3166-1 alpha-2 shape). */
    private static boolean isCountryCode(String country) {
        return country.length() == 2 && isCapital(country.charAt(0)) && isCapital(country.charAt(1));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
