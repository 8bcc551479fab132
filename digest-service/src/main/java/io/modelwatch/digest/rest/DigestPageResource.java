package io.modelwatch.digest.rest;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.modelwatch.digest.config.DigestConfig;
import io.modelwatch.digest.render.ReviewMessages;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.store.DigestHeader;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.modelwatch.digest.review.ReviewOptions;
import io.modelwatch.problem.ProblemException;
import io.quarkus.qute.TemplateData;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The reviews for people: the archive, one review as a web page or an e-mail, its timeline figure, the Atom feed. */
@Path("/digests")
public class DigestPageResource {

    public static final String ATOM = "application/atom+xml";

    private final DigestService digests;
    private final DigestResource api;
    private final ReviewRenderer renderer;
    private final Template archive;
    private final DigestConfig config;
    private final ReviewOptions options;

    public DigestPageResource(DigestService digests, DigestResource api, ReviewRenderer renderer,
                              @Location("review/archive.html") Template archive, DigestConfig config,
                              ReviewOptions options) {
        this.digests = digests;
        this.config = config;
        this.options = options;
        this.api = api;
        this.renderer = renderer;
        this.archive = archive;
    }

    /** A kind as the page offers it: its tag and its label in the page's language. */
    @TemplateData
    public record KindChoice(String tag, String label) {
    }

    /**
     * What the form to ask for a review shows: the values (the user's, or the defaults) and, after a refusal, the error
     * of each field in the page's language (null where the field is fine; {@code formError} for what no field explains).
     */
    @TemplateData
    public record AskForm(String kind, String period, String reference, String formError, String kindError,
                          String periodError, String referenceError) {
    }

    /**
     * The archive of published reviews in one language (the {@code language} parameter, else Accept-Language), with a
     * switch to the other, the form to ask for a review, and links to the dashboard and the subscribe page.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The archive of published reviews in one language, and a form to ask for a review")
    public String archive(@QueryParam("kind") String kind, @QueryParam("language") String language,
                          @HeaderParam("Accept-Language") String acceptLanguage) {
        String k = ArchiveFilter.kind(kind);
        String l = ArchiveFilter.language(language);
        Language pageLanguage = SubscriptionPageResource.pageLanguage(l, acceptLanguage);
        int lastYear = LocalDate.now(ZoneOffset.UTC).minusDays(1).getYear();
        String example = String.valueOf(LocalDate.now(ZoneOffset.UTC).getMonthValue() > 6 ? lastYear : lastYear - 1);
        return archivePage(k, pageLanguage, new AskForm(ReviewKind.MID_YEAR.tag(), example, null, null, null, null, null));
    }

    private String archivePage(String kind, Language pageLanguage, AskForm ask) {
        ReviewMessages msg = ReviewRenderer.messages(pageLanguage);
        List<KindChoice> kinds = Stream.of(ReviewKind.values()).filter(x -> x != ReviewKind.ON_DEMAND)
                .map(x -> new KindChoice(x.tag(), msg.kindLabel(x.tag()))).toList();
        return archive.data("digests", digests.archive(kind, pageLanguage.tag(), true, 200))
                .data("kinds", kinds).data("kind", kind).data("lang", pageLanguage.tag()).data("ask", ask)
                .data("dashboard", options.dashboardUrl())
                .setLocale(pageLanguage.locale()).render();
    }

    /**
     * The form's target: the same checks and limit as {@code POST /api/v1/digests}, then the review's page (303). A
     * refusal answers like the subscribe form: the archive page again (400, 429 with Retry-After) in the page's
     * language, the user's values kept and each error next to its field.
     */
    @GET
    @Path("ask")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Ask for a review from the archive page's form; answers with a redirect to the review's page, "
            + "or with the form again (400) naming each bad field")
    public Response ask(@QueryParam("kind") String kind, @QueryParam("period") String period,
                        @QueryParam("language") String language, @QueryParam("reference") String reference,
                        @HeaderParam("Accept-Language") String acceptLanguage, @Context HttpServerRequest http) {
        String asked = reference == null || reference.isBlank() ? null : reference;
        DigestRequest request = new DigestRequest(null, null, language, kind, period, asked);
        Response answer;
        try {
            answer = api.create(request, http);
        } catch (ProblemException e) {
            Language page = SubscriptionPageResource.pageLanguage(Language.of(language == null ? "" : language.strip())
                    .map(Language::tag).orElse(null), acceptLanguage);
            AskForm form = AskRefusal.form(request, e.problem(), ReviewRenderer.messages(page), () -> api.reference(request));
            Response.ResponseBuilder again = Response.status(e.problem().status())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(archivePage(null, page, form));
            if (e.problem().status() == 429) {
                again.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            return again.build();
        }
        if (answer.getStatus() >= 300) {
            return answer;
        }
        Digest digest = (Digest) answer.getEntity();
        return Response.seeOther(URI.create("/digests/" + digest.id())).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A review as a web page")
    public String page(@PathParam("id") String id) {
        return renderer.render(api.find(id), ReviewRenderer.Format.PAGE);
    }

    @GET
    @Path("{id}/email")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A review as e-mail HTML: inline CSS, inline SVG, no scripts, no external resources")
    public String email(@PathParam("id") String id) {
        return renderer.render(api.find(id), ReviewRenderer.Format.EMAIL);
    }

    @GET
    @Path("{id}/timeline.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "The timeline of the review's period as an SVG figure")
    public String timeline(@PathParam("id") String id) {
        Digest digest = api.find(id);
        if (digest.review().timeline() == null) {
            throw new jakarta.ws.rs.NotFoundException("This review's period has no releases, so no timeline.");
        }
        return renderer.render(digest, ReviewRenderer.Format.SVG);
    }

    /**
     * One feed per language (English unless {@code language} says otherwise; a feed never mixes them), with
     * {@code xml:lang} and each review's full text. Every link is absolute from {@code modelwatch.digest.public-url},
     * never from the request's Host header.
     */
    @GET
    @Path("feed.atom")
    @Produces(ATOM + ";charset=UTF-8")
    @Operation(summary = "Atom feed of the published (scheduled) reviews of one language, newest first, with their full text")
    public String feed(@QueryParam("kind") String kind, @QueryParam("language") String language) throws FeedException {
        String base = config.publicUrl().replaceAll("/+$", "");
        String l = ArchiveFilter.language(language);
        Language feedLanguage = l == null ? Language.EN : Language.of(l).orElseThrow();
        List<DigestHeader> published = digests.archive(ArchiveFilter.kind(kind), feedLanguage.tag(), true, 50);
        ReviewMessages msg = ReviewRenderer.messages(feedLanguage);
        String self = base + "/digests/feed.atom?language=" + feedLanguage.tag();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setLanguage(feedLanguage.tag());
        feed.setTitle(msg.feedTitle());
        feed.setDescription(msg.feedDescription());
        feed.setUri(self);
        feed.setLink(base + "/digests?language=" + feedLanguage.tag());
        feed.setAuthor("modelwatch");
        feed.setPublishedDate(Date.from(published.isEmpty() ? Instant.EPOCH : published.get(0).createdAt()));
        SyndLinkImpl selfLink = new SyndLinkImpl();
        selfLink.setRel("self");
        selfLink.setHref(self);
        selfLink.setType(ATOM);
        SyndLinkImpl html = new SyndLinkImpl();
        html.setRel("alternate");
        html.setHref(base + "/digests?language=" + feedLanguage.tag());
        html.setType(MediaType.TEXT_HTML);
        feed.setLinks(List.of(html, selfLink));
        feed.setEntries(published.stream().map(d -> entry(d, base)).toList());
        // xml:lang on the feed element (Rome's Atom generator does not write the feed's language).
        return new SyndFeedOutput().outputString(feed)
                .replaceFirst("<feed ", "<feed xml:lang=\"" + feedLanguage.tag() + "\" ");
    }

    private SyndEntry entry(DigestHeader d, String base) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri("urn:uuid:" + d.id());
        entry.setTitle(d.title());
        entry.setLink(base + "/digests/" + d.id());
        entry.setAuthor("modelwatch");
        entry.setPublishedDate(Date.from(d.createdAt()));
        entry.setUpdatedDate(Date.from(d.createdAt()));
        SyndContentImpl summary = new SyndContentImpl();
        summary.setType("text");
        summary.setValue(d.summary());
        entry.setDescription(summary);
        digests.find(d.id()).ifPresent(digest -> {
            SyndContentImpl content = new SyndContentImpl();
            content.setType("html");
            content.setValue(renderer.render(digest, ReviewRenderer.Format.CONTENT));
            entry.setContents(List.of(content));
        });
        return entry;
    }
}
