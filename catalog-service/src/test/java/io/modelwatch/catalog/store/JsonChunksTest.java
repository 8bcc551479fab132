package io.modelwatch.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cutting a batch's rows into JSON arrays of bounded size: every row once, in order, each array valid JSON. */
class JsonChunksTest {

    private final ObjectMapper json = new ObjectMapper();

    private List<String> chunks(List<Integer> rows, int limit, int padding) {
        return JsonChunks.of(json.getFactory(), rows, (g, i) -> {
            g.writeNumberField("i", i);
            g.writeStringField("text", "x".repeat(padding) + " 盘古 " + i);
        }, limit);
    }

    private List<Integer> readBack(List<String> chunks) throws Exception {
        List<Integer> rows = new ArrayList<>();
        for (String chunk : chunks) {
            JsonNode array = json.readTree(chunk);
            assertThat(array.isArray()).isTrue();
            array.forEach(row -> {
                assertThat(row.get("text").asText()).endsWith(" 盘古 " + row.get("i").asInt());
                rows.add(row.get("i").asInt());
            });
        }
        return rows;
    }

    @Test
    void aLargeBatchIsCutIntoArraysNearTheLimitWithEveryRowOnceInOrder() throws Exception {
        List<Integer> rows = IntStream.range(0, 1_000).boxed().toList();
        List<String> chunks = chunks(rows, 10_000, 200); // about 230 characters a row: about 44 rows an array

        assertThat(readBack(chunks)).isEqualTo(rows);
        assertThat(chunks).hasSizeBetween(20, 25);
        // an array is closed as soon as it reaches the limit: at most one row past it
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThan(10_000 + 300));
    }

    @Test
    void aSmallBatchIsOneArrayAndNoRowsAreNoArrays() throws Exception {
        List<String> chunks = chunks(List.of(1, 2, 3), JsonChunks.LIMIT, 10);
        assertThat(chunks).hasSize(1);
        assertThat(readBack(chunks)).containsExactly(1, 2, 3);
        assertThat(chunks(List.of(), JsonChunks.LIMIT, 10)).isEmpty();
    }

    @Test
    void aRowLongerThanTheLimitIsAnArrayOfItsOwn() throws Exception {
        List<String> chunks = chunks(List.of(1, 2, 3), 100, 500);
        assertThat(chunks).hasSize(3);
        assertThat(readBack(chunks)).containsExactly(1, 2, 3);
    }
}
