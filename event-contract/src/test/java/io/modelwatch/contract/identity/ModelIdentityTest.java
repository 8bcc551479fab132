package io.modelwatch.contract.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity table of issue 15: pairs of names that are one model (spelling, case, spacing, hyphens, width,
 * diacritics) and pairs that are two (a parenthesis with a size, variant, dataset or year; a symbol or number that names
 * another model). Chinese/English aliases ({@code 文心一言} = {@code ERNIE Bot}) are the curated alias table's job, not
 * the key's: they are tested in the catalog (IdentityPipelineTest).
 */
class ModelIdentityTest {

    static final List<String[]> SAME = List.of(
            new String[] {"GPT-3", "GPT3"},
            new String[] {"GPT-3", "gpt 3"},
            new String[] {"GPT3", "gpt_3"},
            new String[] {"NÜWA", "Nuwa"},
            new String[] {"ＧＰＴ－３", "GPT-3"},
            new String[] {"Ｌｌａｍａ　３", "Llama 3"},
            new String[] {"Llama 3", "Llama3"},
            new String[] {"Llama 3", "LLAMA-3"},
            new String[] {"GPT-3.5", "GPT 3.5"},
            new String[] {"GPT-3.5 Turbo", "gpt-3.5-turbo"},
            new String[] {"Stable Diffusion XL", "stable-diffusion-xl"},
            new String[] {"Stable Diffusion XL", "StableDiffusion XL"},
            new String[] {"BERT-Large", "BERT Large"},
            new String[] {"ResNet-50", "ResNet50"},
            new String[] {"T5-11B", "T5 11B"},
            new String[] {"Llama 2-7B", "Llama-2-7B"},
            new String[] {"Llama 2-7B", "llama 2 7b"},
            new String[] {"Qwen2.5-72B-Instruct", "Qwen2.5 72B Instruct"},
            new String[] {"Megatron-LM (1.2B)", "Megatron-LM 1.2B"},
            new String[] {"Megatron-LM (1.2B)", "megatron lm (1.2b)"},
            new String[] {"ViT-G/14", "ViT G 14"},
            new String[] {"DALL·E 2", "DALL-E 2"},
            new String[] {"ÉRNIE Bot", "Ernie Bot"},
            new String[] {"AlphaGo Zero", "Alpha Go Zero"},
            new String[] {"PointNet++", "PointNet ++"},
            new String[] {"DeepLabV3+", "DeepLab V3+"},
            new String[] {"GPT-4o", "gpt 4o"},
            new String[] {"o1-mini", "O1 Mini"},
            new String[] {"  Megatron-Turing NLG ", "Megatron Turing NLG"},
            new String[] {"紫东太初", "紫东太初 "},
            new String[] {"Phi-3-mini", "phi_3_mini"},
            new String[] {"data2vec (vision)", "data2vec [vision]"});

    static final List<String[]> DIFFERENT = List.of(
            new String[] {"Megatron-LM (1.2B)", "Megatron-LM (8.3B)"},
            new String[] {"Megatron-LM (1.2B)", "Megatron-LM (12B)"},
            new String[] {"Megatron-LM (1.2B)", "Megatron-LM"},
            new String[] {"PointNet", "PointNet++"},
            new String[] {"PointNet+", "PointNet++"},
            new String[] {"DeepLabV3", "DeepLabV3+"},
            new String[] {"ViT-G/14", "ViT-G/14 (LiT)"},
            new String[] {"GloVe (6B)", "GloVe (32B)"},
            new String[] {"CLIP (ResNet-50)", "CLIP (ViT L/14@336px)"},
            new String[] {"data2vec (vision)", "data2vec (language)"},
            new String[] {"data2vec (language)", "data2vec (speech)"},
            new String[] {"Dropout (TIMIT)", "Dropout (CIFAR)"},
            new String[] {"Dropout (ImageNet)", "Dropout (MNIST)"},
            new String[] {"Word2Vec (small)", "Word2Vec (large)"},
            new String[] {"AWD-LSTM (WT2, 2017)", "AWD-LSTM (WT2, 2018)"},
            new String[] {"Segment Anything (SAM)", "Segment Anything"},
            new String[] {"Llama 2-7B", "Llama 2-70B"},
            new String[] {"Llama 2-7B", "Llama 27B"},
            new String[] {"Qwen2", "Qwen2.5"},
            new String[] {"Qwen2.5", "Qwen25"},
            new String[] {"GPT-4", "GPT-4o"},
            new String[] {"GPT-4", "GPT-4 Turbo"},
            new String[] {"o1", "o1-mini"},
            new String[] {"o1", "o1-pro"},
            new String[] {"GPT-3", "GPT-3.5"},
            new String[] {"Gemini 1.5", "Gemini 1.5 Pro"},
            new String[] {"Claude 3 Opus", "Claude 3.5 Sonnet"},
            new String[] {"Llama 3", "Llama 3.1"},
            new String[] {"Mixtral 8x7B", "Mixtral 8x22B"},
            new String[] {"BERT-Base", "BERT-Large"},
            new String[] {"C++ model", "C model"},
            new String[] {"Phi-3-mini", "Phi-3-small"});

    static Stream<Arguments> same() {
        return SAME.stream().map(p -> Arguments.of(p[0], p[1]));
    }

    static Stream<Arguments> different() {
        return DIFFERENT.stream().map(p -> Arguments.of(p[0], p[1]));
    }

    @Test
    void theTableHasAtLeastSixtyPairsHalfOfEach() {
        assertThat(SAME).hasSizeGreaterThanOrEqualTo(30);
        assertThat(DIFFERENT).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("same")
    void oneModel(String a, String b) {
        assertThat(ModelIdentity.key(a)).isEqualTo(ModelIdentity.key(b)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @MethodSource("different")
    void twoModels(String a, String b) {
        assertThat(ModelIdentity.key(a)).isNotEqualTo(ModelIdentity.key(b));
        assertThat(ModelIdentity.slug(a)).isNotEqualTo(ModelIdentity.slug(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theKeyIsAFunctionOfTheSlugSoEverySlugResolves(String name) {
        assertThat(ModelIdentity.key(ModelIdentity.slug(name))).isEqualTo(ModelIdentity.key(name));
    }

    static Stream<String> pairs() {
        return Stream.concat(SAME.stream(), DIFFERENT.stream()).flatMap(Stream::of);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GPT-3|gpt-3|gpt3",
        "Megatron-LM (1.2B)|megatron-lm-1-2b|megatronlm1-2b",
        "PointNet++|pointnet-plus-plus|pointnetplusplus",
        "DeepLabV3+|deeplabv3-plus|deeplabv3plus",
        "Llama 2-70B|llama-2-70b|llama2-70b",
        "Segment Anything (SAM)|segment-anything-sam|segmentanythingsam",
        "ＧＰＴ－３|gpt-3|gpt3",
        "紫东太初|紫东太初|紫东太初"
    })
    void slugAndKey(String name, String slug, String key) {
        assertThat(ModelIdentity.of(name)).isEqualTo(new ModelIdentity.Names(slug, key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Segment Anything (SAM)|segmentanything",
        "Megatron-LM (1.2B)|megatronlm",
        "CLIP (ViT L/14@336px)|clip",
        "(untitled)|untitled"
    })
    void baseKeyDropsBracketedParts(String name, String base) {
        assertThat(ModelIdentity.baseKey(name)).isEqualTo(base);
    }

    @Test
    void organisationKeysKeepLettersAndDigitsOnly() {
        assertThat(ModelIdentity.organizationKey("Google DeepMind")).isEqualTo(ModelIdentity.organizationKey("google-deepmind"))
                .isEqualTo("googledeepmind");
        assertThat(ModelIdentity.organizationKey("Université de Montréal (MILA)")).isEqualTo("universitedemontrealmila");
        assertThat(ModelIdentity.organizationKey("ＯｐｅｎＡＩ")).isEqualTo("openai");
    }

    /** Issue 17: 60,000 spaces took 31.8 s with the old regular expression. A 1 MiB name of any shape is one pass. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {" |a", "(|)", " |(", "-|1", "+|x", "Ü|　"})
    void aOneMebibyteNameOfRepeatedPatternsIsKeyed(String first, String second) {
        StringBuilder name = new StringBuilder("a");
        while (name.length() < (1 << 20) - 4) {
            name.append(first).append(first).append(first).append(second);
        }
        name.append("(x)");
        String text = name.toString();
        assertThat(ModelIdentity.key(text)).isNotEmpty();
        assertThat(ModelIdentity.baseKey(text)).isNotEmpty();
        assertThat(ModelIdentity.organizationKey(text)).isNotEmpty();
    }
}
