package io.modelwatch.digest.subscription;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The words of the subscription pages and mails, in English; Chinese in {@code messages/sub_zh-CN.properties}. */
@MessageBundle(value = "sub", locale = "en")
public interface SubscriptionMessages {

    @Message("Get the reviews by e-mail")
    String formTitle();

    @Message("Reviews of new AI models, in English or Chinese, as often as you like. We send a confirmation mail first; nothing else is sent until you confirm.")
    String formIntro();

    @Message("E-mail address")
    String email();

    @Message("Language")
    String language();

    @Message("How often")
    String frequency();

    @Message("{#when f}{#is 'weekly'}Weekly{#is 'monthly'}Monthly{#is 'quarterly'}Quarterly{#is 'half-yearly'}Every half year{#is 'mid-year'}Mid-year (once a year, July to June){#else}Yearly{/when}")
    String frequencyName(String f);

    @Message("Topics (optional; leave empty for everything)")
    String topics();

    @Message("Countries of the organisations (codes such as CN, US, FR, separated by commas)")
    String countries();

    @Message("Modalities (such as text, image, audio, video)")
    String modalities();

    @Message("Kinds")
    String kinds();

    @Message("{#when k}{#is 'model'}Models{#is 'framework'}Frameworks and tools{#else}Applications{/when}")
    String kindName(String k);

    @Message("Subscribe")
    String subscribe();

    @Message("Check your inbox")
    String checkInboxTitle();

    @Message("If this address can receive the reviews, a mail with a confirmation link is on its way. The link is valid for {hours} hours.")
    String checkInbox(long hours);

    @Message("Please correct the form")
    String invalidTitle();

    @Message("Too many requests")
    String tooManyTitle();

    @Message("Too many subscription requests came from this address or this computer. Please try again later.")
    String tooMany();

    @Message("Confirm your subscription")
    String confirmTitle();

    @Message("Press the button to confirm that you want the reviews at {email}.")
    String confirmIntro(String email);

    @Message("Confirm")
    String confirmButton();

    @Message("Subscription confirmed")
    String confirmedTitle();

    @Message("Thank you. The reviews will come to {email}; a welcome mail is on its way.")
    String confirmed(String email);

    @Message("Your preferences")
    String preferencesTitle();

    @Message("Preferences for {email}.")
    String preferencesIntro(String email);

    @Message("Save")
    String save();

    @Message("Your preferences are saved.")
    String saved();

    @Message("Download my data (JSON)")
    String export();

    @Message("Delete my subscription and its data")
    String delete();

    @Message("Your subscription and everything kept about it are deleted.")
    String deleted();

    @Message("Unsubscribe")
    String unsubscribeTitle();

    @Message("Press the button to stop the reviews to {email}.")
    String unsubscribeIntro(String email);

    @Message("Unsubscribe")
    String unsubscribeButton();

    @Message("You are unsubscribed")
    String unsubscribedTitle();

    @Message("No more reviews will be sent to {email}. Changed your mind? Subscribe again at any time.")
    String unsubscribed(String email);

    @Message("This link cannot be used")
    String refusedTitle();

    @Message("{#when reason}{#is 'EXPIRED'}This link has expired. Subscribe again, or use the link of a more recent mail.{#is 'FORGED'}This link is not one we sent: it has been altered or made up.{#is 'WRONG_PURPOSE'}This link is meant for something else.{#else}This link is incomplete or damaged. Copy the whole link from the mail.{/when}")
    String refused(String reason);

    @Message("There is no such subscription any more: it was deleted.")
    String gone();

    // ---- mails

    @Message("Confirm your subscription to the modelwatch reviews")
    String confirmationSubject();

    @Message("Someone, probably you, asked for the modelwatch reviews ({frequency}, in English) at this address. To confirm, open this link within {hours} hours:")
    String confirmationBody(String frequency, long hours);

    @Message("If it was not you, ignore this mail: nothing more will be sent.")
    String confirmationIgnore();

    @Message("Welcome to the modelwatch reviews")
    String welcomeSubject();

    @Message("Your subscription is confirmed. You will get the {frequency} review in English.")
    String welcomeBody(String frequency);

    @Message("Here is the latest one:")
    String welcomeLatest();

    @Message("There is no review of this frequency yet; the first one will come when it is published.")
    String welcomeNoneYet();

    @Message("You get this mail because you subscribed to the modelwatch reviews.")
    String footerWhy();

    @Message("Preferences")
    String footerPreferences();

    @Message("Unsubscribe")
    String footerUnsubscribe();

    @Message("Read it on the web")
    String footerWeb();

    @Message("This review lists only the models on your topics: {topics}.")
    String filteredBy(String topics);
}
