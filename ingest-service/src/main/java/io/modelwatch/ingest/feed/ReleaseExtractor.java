package io.modelwatch.ingest.feed;

import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what it can of a model release from a feed entry's title and text, in English and Chinese: the model's
 * name (from phrases such as "Introducing X", "X: a ..." titles, "releases X", "which we call X", "发布X", "推出X"),
 * the organisations it names (a small directory of well-known ones, English and Chinese names), and the
 * parameter count stated next to "parameters"/"参数" (the largest one, the flagship of a family). An entry without
 * a recognisable name is not a release. What it reads is a guess: the announcements it makes are speculative.
 */
public final class ReleaseExtractor {

    /** What was read: name always, the rest when found. */
    public record Extracted(String name, List<Org> organizations, ParameterCount parameters) {
    }

    public record Org(String name, String country) {
    }

    // A model name: starts with a letter or digit, then letters, digits and . - _ ; may go on with a space and a
    // part that starts with a digit or a capital ("ERNIE 3.0 Titan", "Gato", "GPT-NeoX-20B", "LayoutLMv3").
    private static final String NAME = "([A-Z0-9][\\p{L}\\p{N}._\\-]*(?:\\s(?:[0-9][\\p{L}\\p{N}._\\-]*|[A-Z][\\p{L}\\p{N}._\\-]*))*)";

    private static final List<Pattern> ENGLISH = List.of(
            Pattern.compile("\\b(?:Introducing|Announcing|Meet|Presenting)\\s+(?:the\\s+|our\\s+)?" + NAME),
            Pattern.compile("\\b(?:which|that)\\s+we\\s+(?:call|refer\\s+to\\s+as|name|dub)\\s+" + NAME),
            Pattern.compile("\\b(?:releases?|released|launch(?:es|ed)?|unveil(?:s|ed)?|introduces|introduced|announces|announced"
                    + "|open-sources?|open-sourced|open\\s+sources|presents|present|introduce)\\s+"
                    + "(?:the\\s+|its\\s+|our\\s+|a\\s+new\\s+|new\\s+)?" + NAME),
            // arXiv-style titles: "OPT: Open Pre-trained Transformer Language Models"
            Pattern.compile("^" + NAME + ":\\s"));

    // Chinese: a release verb, then a name in Latin letters/digits, or in quotes, or Chinese characters up to 大模型/模型.
    private static final List<Pattern> CHINESE = List.of(
            Pattern.compile("(?:发布|推出|开源|亮相|上线|公布)(?:了)?(?:新一代|全新|最新)?(?:的)?(?:[^，。：:、\\s]{0,6}?)(?:模型)?\\s*[「“\"《]([^」”\"》]{1,30})[」”\"》]"),
            Pattern.compile("(?:发布|推出|开源|亮相|上线|公布)(?:了)?(?:新一代|全新|最新)?(?:的)?\\s*"
                    + "([A-Za-z0-9][A-Za-z0-9._\\-]*(?:\\s[0-9A-Z][A-Za-z0-9._\\-]*)*)"),
            Pattern.compile("(?:发布|推出|开源|亮相|上线|公布)(?:了)?(?:新一代|全新|最新)?(?:的)?\\s*([\\p{IsHan}]{2,8}?)(?:大模型|模型)"));

    private static final Pattern COUNT_THEN_PARAMETERS = Pattern.compile(
            "(\\d[\\d,]*(?:\\.\\d+)?\\s*(?:[BMTK]|billion|million|trillion|万亿|亿|万)|[一二三四五六七八九十百千万两]+(?:亿级|亿|万亿))"
                    + "(?:\\s*|-)(?:parameters?|params?|参数)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAMETERS_THEN_COUNT = Pattern.compile(
            "参数(?:量|规模)?(?:为|达到|达|是|约|超过)?\\s*(\\d[\\d,]*(?:\\.\\d+)?\\s*(?:万亿|亿|万|[BMT])|[一二三四五六七八九十百千万两]+(?:亿级|万亿|亿))");

    private static final Map<String, Org> ORGANIZATIONS = new LinkedHashMap<>();

    static {
        org("Google DeepMind", "GB", "Google DeepMind");
        org("DeepMind", "GB", "DeepMind");
        org("Google", "US", "Google", "谷歌");
        org("OpenAI", "US", "OpenAI");
        org("Meta AI", "US", "Meta AI");
        org("Meta", "US", "Meta", "Facebook AI");
        org("Microsoft", "US", "Microsoft", "微软");
        org("Anthropic", "US", "Anthropic");
        org("NVIDIA", "US", "NVIDIA", "Nvidia", "英伟达");
        org("EleutherAI", "US", "EleutherAI");
        org("Hugging Face", "US", "Hugging Face", "HuggingFace");
        org("BigScience", "FR", "BigScience");
        org("Mistral AI", "FR", "Mistral AI");
        org("Baidu", "CN", "Baidu", "百度");
        org("Alibaba", "CN", "Alibaba", "阿里巴巴", "阿里云", "达摩院");
        org("Huawei", "CN", "Huawei", "华为");
        org("Tencent", "CN", "Tencent", "腾讯");
        org("BAAI", "CN", "BAAI", "北京智源", "智源研究院", "智源");
        org("Tsinghua University", "CN", "Tsinghua", "清华大学", "清华");
        org("Langboat", "CN", "Langboat", "澜舟科技", "澜舟");
        org("IDEA", "CN", "IDEA Research", "粤港澳大湾区数字经济研究院");
        org("Institute of Automation, CAS", "CN", "CASIA", "中科院自动化所", "中国科学院自动化研究所");
        org("Inspur", "CN", "Inspur", "浪潮");
        org("Zhipu AI", "CN", "Zhipu", "智谱");
        org("DeepSeek", "CN", "DeepSeek", "深度求索");
        org("Moonshot AI", "CN", "Moonshot AI", "月之暗面");
    }

    private static void org(String name, String country, String... spellings) {
        for (String spelling : spellings) {
            ORGANIZATIONS.put(spelling, new Org(name, country));
        }
    }

    public Optional<Extracted> extract(String title, String text) {
        String all = title + "\n" + text;
        String name = firstName(title).or(() -> firstName(text)).orElse(null);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new Extracted(name, organizations(all), parameters(all)));
    }

    private static Optional<String> firstName(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (Pattern pattern : ENGLISH) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String name = cleaned(m.group(1));
                if (name != null) {
                    return Optional.of(name);
                }
            }
        }
        for (Pattern pattern : CHINESE) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String name = cleaned(m.group(1));
                if (name != null) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private static final Pattern NOT_A_NAME = Pattern.compile(
            "(?i)(?:A|An|The|Our|We|Its|This|New|Today|It|In|On|How|Why|What|And|Version|Paper|Research|Results|Model|Models)");

    private static String cleaned(String raw) {
        String name = raw.trim().replaceAll("[.,;:!?\\-]+$", "").trim();
        if (name.isEmpty() || name.length() > 40 || NOT_A_NAME.matcher(name).matches()) {
            return null;
        }
        return name;
    }

    private static List<Org> organizations(String text) {
        List<Org> found = new ArrayList<>();
        for (Map.Entry<String, Org> entry : ORGANIZATIONS.entrySet()) {
            String spelling = entry.getKey();
            boolean present = spelling.chars().anyMatch(c -> c > 0x2e80)
                    ? text.contains(spelling)
                    : Pattern.compile("\\b" + Pattern.quote(spelling) + "\\b").matcher(text).find();
            if (present && !found.contains(entry.getValue())
                    && found.stream().noneMatch(o -> o.name().contains(entry.getValue().name()))) {
                found.add(entry.getValue());
            }
        }
        return found;
    }

    private static ParameterCount parameters(String text) {
        ParameterCount best = null;
        for (Pattern pattern : List.of(COUNT_THEN_PARAMETERS, PARAMETERS_THEN_COUNT)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                try {
                    ParameterCount count = ParameterCountParser.parse(m.group(1).trim());
                    if (best == null || count.value() > best.value()) {
                        best = count;
                    }
                } catch (IllegalArgumentException e) {
                    // not a count after all
                }
            }
        }
        return best;
    }
}
