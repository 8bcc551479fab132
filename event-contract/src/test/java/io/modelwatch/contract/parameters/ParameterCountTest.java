package io.modelwatch.contract.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Json;
import org.junit.jupiter.api.Test;

/** The record as it travels in events: a zero never gets in, and exact counts carry no note on the wire. */
class ParameterCountTest {

    private static final ObjectMapper JSON = Json.mapper();

    @Test
    void refusesZeroAndNegativeCounts() {
        assertThatThrownBy(() -> new ParameterCount(0, "0", false))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining("must be greater than zero");
        assertThatThrownBy(() -> new ParameterCount(-1, "-1", false, null))
                .isInstanceOf(InvalidParameterCountException.class);
    }

    @Test
    void trimsTheTextAsWritten() {
        assertThat(new ParameterCount(11_000_000_000L, " 11B ", false).asWritten()).isEqualTo("11B");
    }

    @Test
    void anExactCountLeavesTheNoteOffTheWire() throws Exception {
        JsonNode json = JSON.valueToTree(new ParameterCount(11_000_000_000L, "11B", false));

        assertThat(json.get("value").asLong()).isEqualTo(11_000_000_000L);
        assertThat(json.get("asWritten").asText()).isEqualTo("11B");
        assertThat(json.get("approximate").asBoolean()).isFalse();
        assertThat(json.has("note")).isFalse();
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ParameterCount approximate = ParameterCountParser.parse("100B+");
        ParameterCount exact = ParameterCountParser.parse("62亿");

        assertThat(JSON.readValue(JSON.writeValueAsString(approximate), ParameterCount.class)).isEqualTo(approximate);
        assertThat(JSON.readValue(JSON.writeValueAsString(exact), ParameterCount.class)).isEqualTo(exact);
    }

    @Test
    void readsTheOlderShapeWithoutNoteOrText() throws Exception {
        ParameterCount count = JSON.readValue("{\"value\": 11000000000}", ParameterCount.class);

        assertThat(count).isEqualTo(new ParameterCount(11_000_000_000L, null, false, null));
    }
}
