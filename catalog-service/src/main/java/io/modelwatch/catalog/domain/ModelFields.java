package io.modelwatch.catalog.domain;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.ModelChangedBuilder;
import io.modelwatch.contract.ReleaseAnnounced;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The fields of a catalog entry that announcements state, one line each, in the order of {@link ModelChanged}.
 * The merge ({@link ModelMerger}), the provenance, the model page and the export go through this table: an optional
 * field added to the announcement contract is one more line here (a string: {@link Merge#FIRST}, {@link Place#LISTED}).
 * The entry's own fields (slug, revision, announcements, firstSeen, lastSeen, aliases) are not stated by announcements
 * and are not in the table.
 */
public final class ModelFields {

    /** How the assertions of a field make the entry's value, and so which stated values are the shown one. */
    public enum Merge {
        /** The best-ranked assertion's value; a stated value is shown when it is that value. */
        FIRST,
        /** {@link #FIRST}, else {@code MODEL}: every entry has a kind. */
        KIND,
        /** Every value of every assertion in ranking order, without repeats; a stated list is shown when all of it is. */
        UNION,
        /** One per organisation resolved through the directory (by match key); the first stated country fills in. */
        ORGANIZATIONS,
        /** {@link #FIRST} per link (paper, code, weights, announcement); shown when each link it states is shown. */
        LINKS,
        /** {@link #FIRST} per language (en, zh); shown when each language it states is shown. */
        SUMMARY
    }

    /** Where the model page puts the field. */
    public enum Place {
        /** The page's title, and first in its list of fields. */
        TITLE,
        /** The paragraph under the title, not in the list of fields. */
        LEAD,
        /** In the list of fields when the entry has a value. */
        LISTED,
        /** In the list of fields even without a value (an undisclosed parameter count is worth saying). */
        ALWAYS_LISTED
    }

    /**
     * One field: {@code json} is its name in the events, the API and the provenance; {@code english} and {@code chinese}
     * label it on the dashboard; {@code column} is the export column that holds its value (Epoch's name where Epoch has
     * the column), null when the export derives its columns otherwise (organisations, links, summary).
     */
    public record Field<T>(String json, String english, String chinese, String column, Merge merge, Place place,
                           Function<ReleaseAnnounced, T> stated, BiConsumer<ModelChangedBuilder, T> set,
                           Function<ModelChanged, T> shown) {
    }

    public static final List<Field<?>> ALL = List.of(
            new Field<>("kind", "Kind", "类型", "Kind", Merge.KIND, Place.LISTED,
                    ReleaseAnnounced::kind, ModelChangedBuilder::kind, ModelChanged::kind),
            new Field<>("name", "Name", "名称", "Model", Merge.FIRST, Place.TITLE,
                    ReleaseAnnounced::name, ModelChangedBuilder::name, ModelChanged::name),
            new Field<>("nameZh", "Chinese name", "中文名称", "Chinese name", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::nameZh, ModelChangedBuilder::nameZh, ModelChanged::nameZh),
            new Field<>("organizations", "Organisations", "机构", null, Merge.ORGANIZATIONS, Place.LISTED,
                    ReleaseAnnounced::organizations, ModelChangedBuilder::organizations, ModelChanged::organizations),
            new Field<>("published", "Published", "发布日期", "Publication date", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::published, ModelChangedBuilder::published, ModelChanged::published),
            new Field<>("parameters", "Parameters", "参数量", "Parameters", Merge.FIRST, Place.ALWAYS_LISTED,
                    ReleaseAnnounced::parameters, ModelChangedBuilder::parameters, ModelChanged::parameters),
            new Field<>("trainingCompute", "Training compute (FLOP)", "训练算力（FLOP）", "Training compute (FLOP)", Merge.FIRST,
                    Place.LISTED, ReleaseAnnounced::trainingCompute, ModelChangedBuilder::trainingCompute,
                    ModelChanged::trainingCompute),
            new Field<>("modalities", "Modalities", "模态", "Modalities", Merge.UNION, Place.LISTED,
                    ReleaseAnnounced::modalities, ModelChangedBuilder::modalities, ModelChanged::modalities),
            new Field<>("tasks", "Tasks", "任务", "Task", Merge.UNION, Place.LISTED,
                    ReleaseAnnounced::tasks, ModelChangedBuilder::tasks, ModelChanged::tasks),
            new Field<>("accessibility", "Accessibility", "开放程度", "Model accessibility", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::accessibility, ModelChangedBuilder::accessibility, ModelChanged::accessibility),
            new Field<>("architecture", "Architecture", "架构", "Architecture", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::architecture, ModelChangedBuilder::architecture, ModelChanged::architecture),
            new Field<>("baseModel", "Base model", "基础模型", "Base model", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::baseModel, ModelChangedBuilder::baseModel, ModelChanged::baseModel),
            new Field<>("tags", "Tags", "标签", "Tags", Merge.UNION, Place.LISTED,
                    ReleaseAnnounced::tags, ModelChangedBuilder::tags, ModelChanged::tags),
            new Field<>("links", "Links", "链接", null, Merge.LINKS, Place.LISTED,
                    ReleaseAnnounced::links, ModelChangedBuilder::links, ModelChanged::links),
            new Field<>("summary", "Summary", "简介", null, Merge.SUMMARY, Place.LEAD,
                    ReleaseAnnounced::summary, ModelChangedBuilder::summary, ModelChanged::summary),
            new Field<>("confidence", "Confidence", "可信度", "Confidence", Merge.FIRST, Place.LISTED,
                    ReleaseAnnounced::confidence, ModelChangedBuilder::confidence, ModelChanged::confidence));

    /** The field named {@code json} in the events, if announcements state it. */
    public static Optional<Field<?>> named(String json) {
        return ALL.stream().filter(f -> f.json().equals(json)).findFirst();
    }

    private ModelFields() {
    }
}
