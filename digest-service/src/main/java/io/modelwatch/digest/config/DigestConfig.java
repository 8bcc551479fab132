package io.modelwatch.digest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "modelwatch.digest")
public interface DigestConfig {

    /** Public base URL of the catalog-service; every release in a review links to its entry there. */
    @WithDefault("http://localhost:8082")
    String catalogUrl();

    /**
     * Public base URL of the catalog's dashboard, where every model link in a review lands ({@code /models/<slug>});
     * the catalog's URL when unset (the catalog-service serves the dashboard).
     */
    java.util.Optional<String> dashboardUrl();

    /**
     * Public base URL of this service, for the links in mails (confirm, preferences, unsubscribe, the review on the web).
     * Must be https in production: mailbox providers want an https List-Unsubscribe link.
     */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /** The model sizes are compared with ("11B, 1/16 of GPT-3"). */
    Reference reference();

    /** Below this many data points on either side, a trend is reported as "too little data". */
    @WithDefault("3")
    int minimumSample();

    /** How many models a section names (the JSON form lists them all). */
    @WithDefault("30")
    int maxEntries();

    /** Reviews readers ask for ({@code POST /api/v1/digests}, the form on {@code /digests}): how often per client. */
    OnDemand onDemand();

    interface OnDemand {
        /** At most this many requests per client in any {@link #window()}; 0 or less: no limit. */
        @WithDefault("10")
        int limit();

        @WithDefault("PT1M")
        java.time.Duration window();
    }

    /** The languages scheduled reviews are written in. */
    @WithDefault("en,zh-CN")
    List<String> languages();

    /** When scheduled reviews are published: Quartz-style cron expressions, "off" disables a kind. */
    Schedule schedule();

    interface Schedule {
        String weekly();

        String monthly();

        String quarterly();

        String halfYear();

        String yearly();

        /** The mid-year review (twelve months to 30 June), once a year after 30 June. */
        String midYear();
    }

    interface Reference {
        /**
         * "latest": each review measures against the largest dense model in the catalog published at least a year
         * before its period (GPT-3 for 2021-2022), falling back to {@link #name()}; "fixed": always {@link #name()}.
         */
        @WithDefault("latest")
        String mode();

        @WithDefault("GPT-3")
        String name();

        /** As people write it: "175B", "1,750亿". */
        @WithDefault("175B")
        String parameters();
    }
}
