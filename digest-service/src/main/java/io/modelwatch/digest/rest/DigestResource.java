package io.modelwatch.digest.rest;

import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.store.DigestHeader;
import io.modelwatch.digest.telemetry.DigestMetrics;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.modelwatch.digest.config.DigestConfig;
import io.modelwatch.digest.subscription.RateLimits;
import io.modelwatch.contract.ModelChanged;
import java.util.Optional;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/digests")
public class DigestResource {

    public static final String MARKDOWN = "text/markdown";

    private final DigestService digests;
    private final ReviewRenderer renderer;
    private final DigestMetrics metrics;
    private final DigestConfig config;
    private volatile RateLimits limits;
    private final Clock clock = Clock.systemUTC();

    public DigestResource(DigestService digests, ReviewRenderer renderer, DigestMetrics metrics, DigestConfig config) {
        this.digests = digests;
        this.renderer = renderer;
        this.metrics = metrics;
        this.config = config;
        this.limits = onDemandLimits(config.onDemand().limit());
    }

    /**
     * Starts every client's window afresh with this limit (0: the configured one): tests that exhaust a small limit,
     * and leave the configured one for the others.
     */
    public void resetLimits(int limit) {
        limits = onDemandLimits(limit > 0 ? limit : config.onDemand().limit());
    }

    private RateLimits onDemandLimits(int limit) {
        return new RateLimits("on-demand reviews per client", limit, config.onDemand().window());
    }

    /** Forgets the on-demand windows that have emptied, so the limits do not grow with every address ever seen. */
    @io.quarkus.scheduler.Scheduled(identity = "on-demand-limits-prune", every = "10m")
    void pruneLimits() {
        limits.prune();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compute a review of a range or of a period that has ended (weekly, monthly, quarterly, half-year, "
            + "yearly, mid-year), for reading: stored as an on-demand review, never as the scheduled publication of the "
            + "period; asking again for an unchanged review returns the stored one (200). Limited per client (429 with "
            + "Retry-After).")
    public Response create(DigestRequest request, @Context HttpServerRequest http) {
        Period period = period(request);
        try {
            limits.take(SubscriptionResource.client(http));
        } catch (RateLimitException e) {
            throw ProblemException.tooManyRequests("Too many reviews asked for from this address", e.getRetryAfterMillis());
        }
        DigestService.OnDemand answer = digests.onDemand(period, language(request), reference(request));
        if (!answer.created()) {
            return Response.ok(answer.digest()).location(URI.create("/api/v1/digests/" + answer.digest().id())).build();
        }
        metrics.reviewGenerated(period.kind(), answer.digest().language());
        return Response.created(URI.create("/api/v1/digests/" + answer.digest().id())).entity(answer.digest()).build();
    }

    /** The period asked for, checked: a 400 naming the field when it is malformed or has not ended yet. */
    Period period(DigestRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(Problem.invalid("Send {\"from\", \"to\", \"language\"} or {\"kind\", \"period\", \"language\"} as JSON.", null));
        }
        Period period = null;
        ReviewKind kind = request.kind() == null ? ReviewKind.ON_DEMAND : ReviewKind.of(request.kind()).orElse(null);
        if (kind == null) {
            errors.add(new Problem.FieldError("kind", "'" + request.kind() + "' is not one of: weekly, monthly, quarterly, half-year, yearly, mid-year, on-demand"));
        } else if (kind != ReviewKind.ON_DEMAND || request.period() != null) {
            try {
                period = Period.parse(kind, request.period());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("period", e.getMessage()));
            }
        } else {
            LocalDate from = date("from", request.from(), errors);
            LocalDate to = date("to", request.to(), errors);
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(new Problem.FieldError("to", "must not be before 'from' (" + from + ")"));
            } else if (from != null && to != null) {
                period = Period.onDemand(from, to);
            }
        }
        Language language = request.language() == null ? Language.EN : Language.of(request.language()).orElse(null);
        if (language == null) {
            errors.add(new Problem.FieldError("language", "'" + request.language() + "' is not one of: en, zh-CN"));
        }
        LocalDate today = LocalDate.now(clock);
        if (period != null && !period.to().isBefore(today)) {
            errors.add(new Problem.FieldError(request.period() != null || kind != ReviewKind.ON_DEMAND ? "period" : "to",
                    "the period ends on " + period.to() + " and has not ended yet: a review covers only days that are over"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The review request has bad fields.", errors));
        }
        return period;
    }

    /** The catalog's entry for the reference asked for, or empty for the default: a 400 naming it when there is none with a size. */
    Optional<ModelChanged> reference(DigestRequest request) {
        if (request.reference() == null) {
            return Optional.empty();
        }
        String asked = request.reference().strip();
        Optional<ModelChanged> found = asked.isEmpty() || asked.length() > Limits.NAME ? Optional.empty()
                : digests.modelNamed(asked).map(m -> m.snapshot).filter(m -> m.parameters() != null);
        if (found.isEmpty()) {
            throw new ProblemException(Problem.invalid("The review request has a bad field.", List.of(new Problem.FieldError("reference",
                    "is no model of the catalog with a disclosed size: give a model's name, Chinese name or slug, or leave it out for the default"))));
        }
        return found;
    }

    static Language language(DigestRequest request) {
        return request.language() == null ? Language.EN : Language.of(request.language()).orElseThrow();
    }

    /** A stored review never changes (a new version gets a new id): caches may keep it. */
    static final String IMMUTABLE = "public, max-age=86400, immutable";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The archive of reviews, newest first (filter by kind and language)")
    public List<DigestHeader> list(@QueryParam("kind") String kind, @QueryParam("language") String language) {
        return digests.archive(ArchiveFilter.kind(kind), ArchiveFilter.language(language), false, 200);
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_PLAIN})
    @Operation(summary = "A review: JSON (every figure with its models and catalog query), or Markdown / plain text by Accept")
    public Response get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        Digest digest = find(id);
        String wanted = accept == null ? "" : accept;
        if (!wanted.contains(MediaType.APPLICATION_JSON) && wanted.contains(MARKDOWN)) {
            return Response.ok(digest.markdown(), MARKDOWN + ";charset=UTF-8").header("Cache-Control", IMMUTABLE)
                    .header("Vary", "Accept").build();
        }
        if (!wanted.contains(MediaType.APPLICATION_JSON) && wanted.contains(MediaType.TEXT_PLAIN)) {
            return Response.ok(digest.text(), MediaType.TEXT_PLAIN + ";charset=UTF-8").header("Cache-Control", IMMUTABLE)
                    .header("Vary", "Accept").build();
        }
        return Response.ok(digest, MediaType.APPLICATION_JSON).header("Cache-Control", IMMUTABLE).header("Vary", "Accept").build();
    }

    @GET
    @Path("{id}.md")
    @Produces(MARKDOWN + ";charset=UTF-8")
    @Operation(summary = "A review as Markdown")
    public String markdown(@PathParam("id") String id) {
        return find(id).markdown();
    }

    @GET
    @Path("{id}.txt")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    @Operation(summary = "A review as plain text")
    public String text(@PathParam("id") String id) {
        return find(id).text();
    }

    Digest find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return digests.find(uuid).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No review with id '" + id + "'."));
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            // LocalDate takes years up to 999,999,999; the database (and any review) only sensible ones
            if (date.getYear() < Limits.EARLIEST_YEAR || date.getYear() > 9999) {
                errors.add(new Problem.FieldError(field, "must be a date from " + Limits.EARLIEST_YEAR + "-01-01 to 9999-12-31"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "is not a date (YYYY-MM-DD)"));
            return null;
        }
    }
}
