package io.modelwatch.digest.rest;

import io.modelwatch.contract.Kind;
import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.mail.MailComposer;
import io.modelwatch.digest.review.Interests;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.subscription.Frequency;
import io.modelwatch.digest.subscription.MailLinks;
import io.modelwatch.digest.subscription.SubscriptionMessages;
import io.modelwatch.digest.subscription.SubscriptionRequest;
import io.modelwatch.digest.subscription.SubscriptionService;
import io.modelwatch.digest.subscription.TokenSigner;
import io.modelwatch.digest.subscription.TokenSigner.Purpose;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The subscription pages: the form, and the pages behind the signed links of the mails. A GET never changes anything
 * (mail scanners open links): confirming and unsubscribing take a POST, which the page's button sends, or which the
 * mail client sends by itself for one-click unsubscribe (RFC 8058, body {@code List-Unsubscribe=One-Click}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SubscriptionPageResource {

    private static final List<String> FREQUENCIES = Stream.of(Frequency.values()).map(Frequency::tag).toList();
    private static final List<String> KINDS = Stream.of(Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();

    private final SubscriptionService subscriptions;
    private final MailLinks links;
    private final MailConfig config;
    private final Template form;
    private final Template message;
    private final Template preferences;

    public SubscriptionPageResource(SubscriptionService subscriptions, MailLinks links, MailConfig config,
                                    @Location("subscription/form.html") Template form,
                                    @Location("subscription/message.html") Template message,
                                    @Location("subscription/preferences.html") Template preferences) {
        this.subscriptions = subscriptions;
        this.links = links;
        this.config = config;
        this.form = form;
        this.message = message;
        this.preferences = preferences;
    }

    @GET
    @Path("subscribe")
    @Operation(summary = "The subscription form")
    public String subscribeForm(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        Language language = pageLanguage(lang, accept);
        return form(language, null, null, List.of()).render();
    }

    @POST
    @Path("subscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Subscribe from the form")
    public Response subscribe(@FormParam("lang") String lang, @FormParam("email") String email, @FormParam("language") String language,
                              @FormParam("frequency") String frequency, @FormParam("countries") String countries,
                              @FormParam("modalities") String modalities, @FormParam("kinds") List<String> kinds,
                              @Context HttpServerRequest http) {
        Language page = pageLanguage(lang, null);
        SubscriptionRequest request = new SubscriptionRequest(email, language, frequency, split(countries), split(modalities), kinds);
        try {
            SubscriptionService.Valid valid = SubscriptionResource.valid(request);
            SubscriptionResource.admit(subscriptions, valid, SubscriptionResource.client(http));
            subscriptions.subscribe(valid);
        } catch (ProblemException e) {
            Problem p = e.problem();
            SubscriptionMessages msg = MailComposer.messages(page);
            if (p.status() == 429) {
                return Response.fromResponse(html(429, message(page, msg.tooManyTitle()).data("text", msg.tooMany())))
                        .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
            }
            List<String> errors = p.errors() == null ? List.of(p.detail())
                    : p.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
            return html(400, form(page, request, countries, errors).data("modalities", modalities));
        }
        SubscriptionMessages msg = MailComposer.messages(page);
        return html(200, message(page, msg.checkInboxTitle()).data("text", msg.checkInbox(config.confirmTtl().toHours())));
    }

    @GET
    @Path("subscriptions/confirm")
    @Operation(summary = "The page of the confirmation link: a button that confirms")
    public Response confirmPage(@QueryParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Subscriber s = subscriptions.lookup(token, Purpose.CONFIRM);
            Language l = language(s);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(200, message(l, msg.confirmTitle()).data("text", msg.confirmIntro(s.email))
                    .data("action", "/subscriptions/confirm").data("token", token).data("button", msg.confirmButton()));
        });
    }

    @POST
    @Path("subscriptions/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Confirm a subscription (double opt-in)")
    public Response confirm(@FormParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Subscriber s = subscriptions.confirm(token);
            Language l = language(s);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(200, message(l, msg.confirmedTitle()).data("text", msg.confirmed(s.email))
                    .data("preferences", links.preferences(links.manageToken(s.id))));
        });
    }

    @GET
    @Path("subscriptions/preferences")
    @Operation(summary = "The preferences page (language, frequency, topics; unsubscribe, export, delete)")
    public Response preferencesPage(@QueryParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> html(200, preferences(subscriptions.manage(token).subscriber(), token, false, List.of())));
    }

    @POST
    @Path("subscriptions/preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change language, frequency and topics")
    public Response savePreferences(@FormParam("token") String token, @FormParam("language") String language,
                                    @FormParam("frequency") String frequency, @FormParam("countries") String countries,
                                    @FormParam("modalities") String modalities, @FormParam("kinds") List<String> kinds,
                                    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Subscriber current = subscriptions.manage(token).subscriber();
            SubscriptionRequest request = new SubscriptionRequest(current.email, language, frequency, split(countries),
                    split(modalities), kinds);
            try {
                Subscriber s = subscriptions.update(token, SubscriptionResource.valid(request));
                return html(200, preferences(s, token, true, List.of()));
            } catch (ProblemException e) {
                List<String> errors = e.problem().errors() == null ? List.of(e.problem().detail())
                        : e.problem().errors().stream().map(f -> f.field() + ": " + f.message()).toList();
                return html(400, preferences(current, token, false, errors));
            }
        });
    }

    @GET
    @Path("subscriptions/unsubscribe")
    @Operation(summary = "The unsubscribe page: a button that unsubscribes")
    public Response unsubscribePage(@QueryParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Subscriber s = subscriptions.manage(token).subscriber();
            Language l = language(s);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(200, message(l, msg.unsubscribeTitle()).data("text", msg.unsubscribeIntro(s.email))
                    .data("action", "/subscriptions/unsubscribe?token=" + token).data("token", token)
                    .data("button", msg.unsubscribeButton()));
        });
    }

    @POST
    @Path("subscriptions/unsubscribe")
    @Operation(summary = "Unsubscribe at once: RFC 8058 one-click (List-Unsubscribe-Post) or the page's button")
    public Response unsubscribe(@QueryParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Subscriber s = subscriptions.unsubscribe(token);
            Language l = language(s);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(200, message(l, msg.unsubscribedTitle()).data("text", msg.unsubscribed(s.email)));
        });
    }

    @POST
    @Path("subscriptions/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete one's own subscription and its data")
    public Response delete(@FormParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return guarded(accept, () -> {
            Language l = language(subscriptions.manage(token).subscriber());
            subscriptions.delete(token);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(200, message(l, msg.deleted()).data("text", msg.deleted()));
        });
    }

    // ---- helpers

    private Response guarded(String accept, java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (TokenSigner.RefusedTokenException e) {
            Language l = pageLanguage(null, accept);
            SubscriptionMessages msg = MailComposer.messages(l);
            int status = e.refusal() == TokenSigner.Refusal.EXPIRED ? 410 : 403;
            return html(status, message(l, msg.refusedTitle()).data("text", msg.refused(e.refusal().name())));
        } catch (SubscriptionService.NoSuchSubscriptionException e) {
            Language l = pageLanguage(null, accept);
            SubscriptionMessages msg = MailComposer.messages(l);
            return html(404, message(l, msg.refusedTitle()).data("text", msg.gone()));
        }
    }

    private TemplateInstance message(Language l, String title) {
        return message.data("lang", l.tag()).data("title", title).data("text", null).data("errors", List.of())
                .data("action", null).data("token", null).data("button", null).data("preferences", null)
                .setLocale(l.locale());
    }

    private TemplateInstance form(Language l, SubscriptionRequest values, String countries, List<String> errors) {
        SubscriptionMessages msg = MailComposer.messages(l);
        return form.data("lang", l.tag()).data("title", msg.formTitle()).data("errors", errors)
                .data("email", values == null ? null : values.email())
                .data("language", values == null || values.language() == null ? l.tag() : values.language())
                .data("frequency", values == null || values.frequency() == null ? "monthly" : values.frequency())
                .data("countries", countries).data("modalities", null)
                .data("kinds", values == null || values.kinds() == null ? List.of() : values.kinds())
                .data("frequencies", FREQUENCIES).data("allKinds", KINDS).setLocale(l.locale());
    }

    private TemplateInstance preferences(Subscriber s, String token, boolean saved, List<String> errors) {
        Language l = language(s);
        SubscriptionMessages msg = MailComposer.messages(l);
        Interests topics = s.topics == null ? Interests.ALL : s.topics;
        return preferences.data("lang", l.tag()).data("title", msg.preferencesTitle()).data("email", s.email)
                .data("token", token).data("saved", saved).data("errors", errors).data("language", s.language)
                .data("frequency", s.frequency).data("countries", String.join(", ", topics.countries()))
                .data("modalities", String.join(", ", topics.modalities())).data("kinds", topics.kinds())
                .data("frequencies", FREQUENCIES).data("allKinds", KINDS).setLocale(l.locale());
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    private static Language language(Subscriber s) {
        return Language.of(s.language).orElse(Language.EN);
    }

    static Language pageLanguage(String lang, String acceptLanguage) {
        if (lang != null) {
            return Language.of(lang).orElse(Language.EN);
        }
        return acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("zh") ? Language.ZH_CN : Language.EN;
    }

    static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split("[,，\\s]+")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

}
