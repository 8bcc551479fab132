package io.modelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GPT-3|gpt-3",
        "ERNIE 3.0|ernie-3-0",
        "NÜWA|nuwa",
        "DALL·E 2|dall-e-2",
        "  Megatron-Turing NLG |megatron-turing-nlg",
        "Erlangshen-MegatronBert-1.3B|erlangshen-megatronbert-1-3b",
        "紫东太初|紫东太初",
        "ＧＰＴ－３|gpt-3",
        "M6-10T|m6-10t",
        "--Bench_batch  1/2 (v0.3)--|bench-batch-1-2-v0-3",
        "ÉRNIE Bot|ernie-bot",
        "Qwen2.5-72B-Instruct|qwen2-5-72b-instruct"
    })
    void slugIsLowerCaseLettersAndDigitsJoinedByDashes(String name, String slug) {
        assertThat(Slugs.of(name)).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "---", "()"})
    void aNameWithoutLettersOrDigitsHasNoSlug(String name) {
        assertThatThrownBy(() -> Slugs.of(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
