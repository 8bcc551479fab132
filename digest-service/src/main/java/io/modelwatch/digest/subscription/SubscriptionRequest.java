package io.modelwatch.digest.subscription;

import java.util.List;

/** {@code POST /api/v1/subscriptions} and the form: topics are optional, an empty list means "everything". */
public record SubscriptionRequest(String email, String language, String frequency, List<String> countries,
                                  List<String> modalities, List<String> kinds) {
}
