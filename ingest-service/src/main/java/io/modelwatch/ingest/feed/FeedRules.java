package io.modelwatch.ingest.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Keep and block rules, as Miniflux has them: regular expressions on an entry's title, content or link (or any).
 * With keep rules, an entry must match at least one; an entry that matches a block rule is dropped.
 */
public final class FeedRules {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FeedRule", description = "A regular expression (Java syntax; (?i) for case-insensitive) on one field of an entry")
    public record Rule(
            @Schema(description = "Which field the pattern is matched against", enumeration = {"title", "content", "link", "any"},
                    defaultValue = "any") String field,
            @Schema(required = true, description = "Found anywhere in the field", examples = "(?i)\\\\b(model|LLM|模型)\\\\b")
            String pattern) {

        String fieldOrAny() {
            return field == null || field.isBlank() ? "any" : field.trim().toLowerCase(Locale.ROOT);
        }
    }

    public static final List<String> FIELDS = List.of("title", "content", "link", "any");

    private final List<Compiled> keep;
    private final List<Compiled> block;

    private record Compiled(String field, Pattern pattern) {
        boolean matches(FeedParser.Item item) {
            return switch (field) {
                case "title" -> find(item.title());
                case "content" -> find(item.text());
                case "link" -> find(item.link());
                default -> find(item.title()) || find(item.text()) || find(item.link());
            };
        }

        private boolean find(String s) {
            return s != null && pattern.matcher(s).find();
        }
    }

    public FeedRules(List<Rule> keep, List<Rule> block) {
        this.keep = compile(keep);
        this.block = compile(block);
    }

    private static List<Compiled> compile(List<Rule> rules) {
        return rules == null ? List.of() : rules.stream().map(r -> new Compiled(r.fieldOrAny(), Pattern.compile(r.pattern()))).toList();
    }

    public boolean admits(FeedParser.Item item) {
        if (!keep.isEmpty() && keep.stream().noneMatch(rule -> rule.matches(item))) {
            return false;
        }
        return block.stream().noneMatch(rule -> rule.matches(item));
    }
}
