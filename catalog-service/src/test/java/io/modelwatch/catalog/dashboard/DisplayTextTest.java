package io.modelwatch.catalog.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.compute.TrainingComputeParser;
import org.junit.jupiter.api.Test;

/** Training compute on the model page: a figure, not the API's fields ("value: 3.8E25; asWritten: ..."). */
class DisplayTextTest {

    static JsonNode json(Object value) {
        return Json.mapper().valueToTree(value);
    }

    @Test
    void trainingComputeReadsAsAPowerOfTen() {
        JsonNode stated = json(TrainingComputeParser.parse("3.8×10^25").withNote("Estimated from the hardware and time"));
        assertThat(DisplayText.json("trainingCompute", stated, Language.EN)).isEqualTo("3.8×10²⁵");
        assertThat(DisplayText.json("trainingCompute", json(TrainingComputeParser.parse("2.1e24 FLOP")), Language.ZH_CN))
                .isEqualTo("2.1×10²⁴");
        assertThat(DisplayText.json("trainingCompute", json(TrainingComputeParser.parse("1e24")), Language.EN)).isEqualTo("1×10²⁴");
    }

    @Test
    void estimatesAndRoundedFiguresAreMarked() {
        assertThat(DisplayText.json("trainingCompute", json(TrainingComputeParser.parse("~5e23")), Language.EN)).isEqualTo("~5×10²³");
        assertThat(DisplayText.json("trainingCompute", json(TrainingComputeParser.parse("about 5e23")), Language.ZH_CN)).isEqualTo("约5×10²³");
        assertThat(DisplayText.json("trainingCompute", json(TrainingComputeParser.parse("3.14159e21")), Language.EN)).isEqualTo("~3.14×10²¹");
        assertThat(io.modelwatch.contract.compute.TrainingComputeFormatter.format(9.996e21, false, Language.EN)).isEqualTo("~1×10²²");
        assertThat(io.modelwatch.contract.compute.TrainingComputeFormatter.format(2.5e-3, false, Language.EN)).isEqualTo("2.5×10⁻³");
    }
}
