package io.modelwatch.contract.validation;

import java.text.Normalizer;

/** How the contract stores text: Unicode NFC (one form for what looks the same), stripped; blank is absent. */
public final class Texts {

    public static String normalized(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return Normalizer.isNormalized(stripped, Normalizer.Form.NFC) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFC);
    }

    private Texts() {
    }
}
