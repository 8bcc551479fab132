package io.modelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @ParameterizedTest(name = "field \"{0}\" -> {1}")
    @CsvSource(nullValues = "none", value = {
            "en, EN", "EN, EN", "zh-CN, ZH_CN", "zh-cn, ZH_CN", "zh, ZH_CN", "zh-Hans, ZH_CN", "' zh-CN ', ZH_CN",
            "en-GB, none", "zh-TW, none", "fr, none", "'', none"})
    void anApiFieldIsReadStrictly(String given, Language expected) {
        assertThat(Language.of(given).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "preference \"{0}\" -> {1}")
    @CsvSource(nullValues = "none", value = {
            "en, EN", "en-GB, EN", "zh, ZH_CN", "zh-CN, ZH_CN", "zh_cn, ZH_CN", "zh-TW, ZH_CN", "ZH-Hant-HK, ZH_CN",
            "fr-FR, none", "'  ', none"})
    void aPreferenceIsReadByItsPrimarySubtag(String given, Language expected) {
        assertThat(Language.preferred(given).orElse(null)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void eachLanguageWritesItsTagAndKnowsTheOther() throws Exception {
        assertThat(Json.mapper().writeValueAsString(Language.ZH_CN)).isEqualTo("\"zh-CN\"");
        assertThat(Json.mapper().readValue("\"en\"", Language.class)).isEqualTo(Language.EN);
        assertThat(Language.EN.other()).isEqualTo(Language.ZH_CN);
        assertThat(Language.ZH_CN.other()).isEqualTo(Language.EN);
    }
}
