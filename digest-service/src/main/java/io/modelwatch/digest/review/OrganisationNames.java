package io.modelwatch.digest.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The names Chinese readers know organisations and models by (Huawei: 华为, Langboat: 澜舟, Pangu: 盘古), curated in
 * {@code review/organisations.zh-CN.properties} and {@code review/models.zh-CN.properties}; a model's own Chinese name in
 * the catalog (the contract's nameZh) comes first, then a Chinese alias; a name without any stays as it is.
 */
public final class OrganisationNames {

    private static final Map<String, String> ZH = load("/review/organisations.zh-CN.properties");
    private static final Map<String, String> MODELS_ZH = load("/review/models.zh-CN.properties");

    private OrganisationNames() {
    }

    public static String zh(String name) {
        return name == null ? null : ZH.getOrDefault(name, name);
    }

    /**
     * A model's Chinese name: the one the catalog gives ({@code nameZh}), else its first alias written in Chinese, else
     * the curated one, else its name.
     */
    public static String modelZh(String name, String nameZh, java.util.List<String> aliases) {
        if (nameZh != null && !nameZh.isBlank()) {
            return nameZh;
        }
        if (aliases != null) {
            for (String a : aliases) {
                if (a != null && a.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                    return a;
                }
            }
        }
        return name == null ? null : MODELS_ZH.getOrDefault(name, name);
    }

    private static Map<String, String> load(String resource) {
        Properties p = new Properties();
        try (InputStream in = OrganisationNames.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.stringPropertyNames().stream().collect(Collectors.toUnmodifiableMap(k -> k, p::getProperty));
    }
}
