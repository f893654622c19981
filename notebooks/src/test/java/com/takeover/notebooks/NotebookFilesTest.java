package com.takeover.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What every committed notebook must look like; runs without Jupyter. */
class NotebookFilesTest {

    @Test
    void theFourNotebooksAreThere() {
        assertThat(Notebooks.all()).extracting(p -> p.getFileName().toString()).contains(
                "01-lake-tour.ipynb", "02-intervention-effect.ipynb", "03-alert-rule-tuning.ipynb",
                "04-ai-needs-work.ipynb");
        assertThat(Files.isExecutable(Notebooks.dir().resolve("setup"))).as("notebooks/setup is executable").isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookIsCommittedCleanAndSaysWhatItAnswersAndHowToExtendIt() {
        return Notebooks.all().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    private static void check(Path path) {
        JsonNode nb = Notebooks.read(path);
        assertThat(nb.path("nbformat").asInt()).as("nbformat").isEqualTo(4);
        assertThat(nb.at("/metadata/kernelspec/name").asText()).as("kernel the notebook asks for").isEqualTo(Notebooks.KERNEL);

        List<JsonNode> cells = new ArrayList<>();
        nb.path("cells").forEach(cells::add);
        assertThat(cells).as("cells").hasSizeGreaterThan(3);
        for (JsonNode cell : cells) {
            if (cell.path("cell_type").asText().equals("code")) {
                assertThat(cell.path("outputs")).as("outputs are stripped before committing: %s", Notebooks.source(cell))
                        .isEmpty();
                assertThat(cell.path("execution_count").isNull()).as("execution count is cleared").isTrue();
            }
        }
        JsonNode first = cells.get(0);
        JsonNode last = cells.get(cells.size() - 1);
        assertThat(first.path("cell_type").asText()).isEqualTo("markdown");
        assertThat(Notebooks.source(first)).as("first cell says what the notebook answers").contains("What this answers");
        assertThat(last.path("cell_type").asText()).isEqualTo("markdown");
        assertThat(Notebooks.source(last)).as("last cell says how to extend it").contains("How to extend");
    }
}
