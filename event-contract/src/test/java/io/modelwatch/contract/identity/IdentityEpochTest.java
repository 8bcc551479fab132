package io.modelwatch.contract.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Epoch AI's notable-models file (CC BY 4.0: Epoch AI, 'Data on AI Models', epoch.ai; the licence is next to the copy
 * in src/test/resources/epoch): each row is one distinct model in Epoch's curation, so no two rows may share a key.
 */
class IdentityEpochTest {

    @Test
    void noTwoEpochModelsShareAKeyOrASlug() throws IOException {
        List<String> names = names();
        assertThat(names).hasSize(952);
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Map<String, List<String>> bySlug = new LinkedHashMap<>();
        for (String name : names) {
            byKey.computeIfAbsent(ModelIdentity.key(name), k -> new ArrayList<>()).add(name);
            bySlug.computeIfAbsent(ModelIdentity.slug(name), k -> new ArrayList<>()).add(name);
        }
        assertThat(byKey.values()).filteredOn(v -> v.size() > 1).isEmpty();
        assertThat(bySlug.values()).filteredOn(v -> v.size() > 1).isEmpty();
        assertThat(byKey).doesNotContainKey("");
    }

    static List<String> names() throws IOException {
        try (InputStream in = IdentityEpochTest.class.getResourceAsStream("/epoch/notable_ai_models.csv");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(reader)) {
                String name = row.isMapped("Model") ? row.get("Model") : row.get("System");
                names.add(name.startsWith("\uFEFF") ? name.substring(1) : name);
            }
            return names;
        }
    }
}
