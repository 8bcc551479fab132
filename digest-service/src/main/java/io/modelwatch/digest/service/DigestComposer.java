package io.modelwatch.digest.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a first, plain review: the releases published in the period, in date order, in English or Chinese.
 * Pure: the same models, period and language give the same review.
 */
public final class DigestComposer {

    private final String catalogBaseUrl;

    public DigestComposer(String catalogBaseUrl) {
        this.catalogBaseUrl = catalogBaseUrl.replaceAll("/+$", "");
    }

    public Digest compose(UUID id, LocalDate from, LocalDate to, Language language, List<ModelChanged> models, Instant now) {
        boolean zh = language == Language.ZH_CN;
        List<Digest.Release> releases = models.stream().map(m -> release(m, language)).toList();
        String title = zh
                ? from + " 至 " + to + " 模型发布回顾"
                : "Model releases, " + from + " to " + to;
        String summary = summary(releases.size(), zh);
        StringBuilder text = new StringBuilder(title).append("\n\n").append(summary).append("\n");
        for (Digest.Release r : releases) {
            text.append("\n- ").append(r.published() == null ? "" : r.published() + " ")
                    .append(r.name()).append(zh ? "（" : " (").append(organizations(r.organizations(), zh))
                    .append(zh ? "）：" : "): ")
                    .append(zh ? "参数量 " : "parameters ").append(r.parametersShown());
        }
        return new Digest(id, from, to, language, title, summary, releases, text.append("\n").toString(), now);
    }

    private Digest.Release release(ModelChanged m, Language language) {
        String shown = m.parameters() == null
                ? (language == Language.ZH_CN ? "未公开" : "undisclosed")
                : ParameterCountFormatter.format(m.parameters(), language.locale());
        return new Digest.Release(m.slug(), m.name(), m.kind(), m.organizations(),
                m.published() == null ? null : m.published().value(),
                m.parameters() == null ? null : m.parameters().value(), shown,
                m.parameters() != null && m.parameters().approximate(),
                catalogBaseUrl + "/api/v1/models/" + m.slug());
    }

    private static String summary(int count, boolean zh) {
        if (count == 0) {
            return zh ? "本期没有收录到发布。" : "No releases were recorded in this period.";
        }
        return zh ? "本期共收录 " + count + " 项发布。" : count + (count == 1 ? " release" : " releases") + " in this period.";
    }

    private static String organizations(List<Organization> organizations, boolean zh) {
        return organizations.stream().map(Organization::name).collect(Collectors.joining(zh ? "、" : ", "));
    }
}
