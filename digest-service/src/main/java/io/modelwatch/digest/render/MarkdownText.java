package io.modelwatch.digest.render;

import io.quarkus.qute.TemplateExtension;

/**
 * Text written into the Markdown review, made inert: every character CommonMark gives a meaning inline (links, images,
 * emphasis, code, raw HTML, autolinks, entities) is backslash-escaped, so a model named {@code [x](javascript:...)} or
 * {@code <img src=x onerror=...>} reads as its name and never becomes a link or markup. Line breaks become spaces, so a
 * name cannot start a heading or a list. In templates: {@code {name.md}}.
 */
public final class MarkdownText {

    /** Inline-special characters in CommonMark and GFM (parentheses are harmless once brackets are escaped). */
    private static final String SPECIAL = "\\`*_[]<>!&";

    /** Block-special at the start of a line. */
    private static final String LEADING = "#-+=";

    private MarkdownText() {
    }

    @TemplateExtension(matchName = "md")
    public static String md(String text) {
        return escape(text);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i == 0 && LEADING.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '\r' || c == '\n') {
                out.append(' ');
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
