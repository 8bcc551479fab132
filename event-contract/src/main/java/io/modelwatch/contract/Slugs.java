package io.modelwatch.contract;

import io.modelwatch.contract.identity.ModelIdentity;

/**
 * The canonical slug of a release: its catalog id and its Kafka key, so every event about one model
 * lands on one partition, in order.
 *
 * <p>Rule ({@link ModelIdentity}): Unicode NFKD, diacritics dropped ("NÜWA" → "nuwa"), lower case, "+" becomes the
 * word "plus" ("PointNet++" → "pointnet-plus-plus"), every run of other characters that are not letters or digits
 * becomes one "-", no leading or trailing "-". Letters of any script stay ("紫东太初" keeps its characters), so a
 * Chinese name never collapses to an empty slug.
 */
public final class Slugs {

    public static String of(String name) {
        return ModelIdentity.slug(name);
    }

    private Slugs() {
    }
}
