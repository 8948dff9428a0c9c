package attendfirst.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code fixtures/tasks/capitals.tsv}: {@code country<TAB>capital[|alternate]...}, '#' comments. */
final class CapitalTable {
    /** Where the table lives, relative to the project root (the working directory of Maven runs). */
    static final Path DEFAULT = Path.of("fixtures", "tasks", "capitals.tsv");

    private CapitalTable() {}

    static Map<String, List<String>> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TaskDataException("capitals table " + file.toAbsolutePath() + " does not exist; it ships with the"
                    + " project as " + DEFAULT + " (run from the project root or pass the path: capitals:50:0:/path/capitals.tsv)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskDataException("cannot read capitals table " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new TaskDataException("capitals table " + file + " line " + (i + 1)
                        + ": expected 'country<TAB>capital[|alternate]...', got '" + line + "'");
            }
            List<String> answers = Arrays.stream(cols[1].split("\\|")).map(String::strip).toList();
            if (answers.stream().anyMatch(String::isEmpty)) {
                throw new TaskDataException("capitals table " + file + " line " + (i + 1) + ": empty capital in '" + cols[1] + "'");
            }
            if (table.put(cols[0].strip(), answers) != null) {
                throw new TaskDataException("capitals table " + file + " line " + (i + 1) + ": country '" + cols[0]
                        + "' appears twice");
            }
        }
        if (table.size() < 2) {
            throw new TaskDataException("capitals table " + file + " has " + table.size() + " countries; need at least 2");
        }
        return Collections.unmodifiableMap(table);
    }
}
