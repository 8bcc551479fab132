package io.modelwatch.contract.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}; names the first bad character and where it is. */
public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int bad = firstBad(value);
        if (bad < 0) {
            return true;
        }
        if (context != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(describe(value, bad)).addConstraintViolation();
        }
        return false;
    }

    /** The index of the first character {@link PlainText} refuses, or -1. */
    public static int firstBad(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c) || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069), and the marks U+200E, U+200F, U+061C. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** What is wrong, in words: the message never repeats the text (it may be long, or made to mislead). */
    static String describe(CharSequence value, int index) {
        char c = value.charAt(index);
        String what = c == 0 ? "a NUL character"
                : c == '\n' || c == '\r' ? "a line break"
                : c < 0x20 || (c >= 0x7f && c <= 0x9f) ? "a control character"
                : Character.isSurrogate(c) ? "an unpaired surrogate"
                : c == '\uFFFE' || c == '\uFFFF' ? "a non-character"
                : "a bidirectional control character";
        return "must be plain text on one line: " + what + String.format(" (U+%04X)", (int) c) + " at position " + index;
    }
}
