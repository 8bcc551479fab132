package io.modelwatch.catalog.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog page's state: what the API would refuse is left out and named, and only that. */
class CatalogExplorerTest {

    static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    @Test
    void aBoundOutOfOrderDropsItsOwnPairsUpperBoundOnly() {
        List<String> ignored = new ArrayList<>();
        Map<String, List<String>> state = CatalogExplorer.state(query("from", "2020", "to", "2022", "minParameters", "100B",
                "maxParameters", "1B"), ignored);
        assertThat(state).containsOnlyKeys("from", "to", "minParameters");
        assertThat(ignored).containsExactly("maxParameters=1B");

        ignored.clear();
        state = CatalogExplorer.state(query("to", "2022", "minCompute", "1e25", "maxCompute", "1e24"), ignored);
        assertThat(state).containsOnlyKeys("to", "minCompute");
        assertThat(ignored).containsExactly("maxCompute=1e24");

        ignored.clear();
        state = CatalogExplorer.state(query("from", "2023", "to", "2022", "country", "XYZ", "q", "a", "q", "b"), ignored);
        assertThat(state).containsOnlyKeys("from", "q");
        assertThat(state.get("q")).containsExactly("a");
        assertThat(ignored).containsExactlyInAnyOrder("country=XYZ", "to=2022");
    }
}
