package attendfirst.run;

import attendfirst.report.Expectations;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Converts verdict-only expectation files ({@code {"model": ..., "verdicts": {"C1|capitals": "HOLDS"}}}) to the
 * format that records the plan of each cell, without losing a cell. The plan is the one the file was judged
 * under, given as for a run (the same -D properties: tasks, seeds, layerStride, switchExamples, switchPairs).
 *
 * <p>Usage: {@code java ... attendfirst.run.ConvertExpectations DIR [SOURCE_NOTE]} with the run's properties;
 * every {@code DIR/*.json} in the old format is rewritten in place (atomically), files already converted are
 * left alone.
 */
public final class ConvertExpectations {

    private ConvertExpectations() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ConvertExpectations DIR [SOURCE_NOTE] (plan from -D properties)");
        }
        RunConfig config = RunConfig.fromSystemProperties();
        Path dir = Path.of(args[0]);
        String note = args.length > 1 ? args[1] : "format, plan " + config.planText();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                int n = convert(f, config, note);
                System.out.println(f + ": " + (n < 0 ? "already in format " + Expectations.FORMAT : n + " cells converted"));
            }
        }
    }

    /** Rewrites one old-format file; returns the number of cells, or -1 when it is not in the old format. */
    public static int convert(Path file, RunConfig config, String note) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        if (o.has("format") || !o.has("verdicts")) {
            return -1;
        }
        String model = o.get("model").getAsString();
        List<Expectations.Cell> cells = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("verdicts").entrySet()) {
            String[] parts = e.getKey().split("\\|", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + ": verdicts." + e.getKey() + ": key is not claim|task");
            }
            cells.add(Expectations.converted(e.getKey(), e.getValue().getAsString(),
                    config.cellPlan(config.catalogue().claim(parts[0]), parts[1]), file.getFileName() + " " + note));
        }
        Expectations.write(file, model, cells);
        // read back: a cell lost or changed on the way is an error, not a silent conversion
        Expectations.Stored back = Expectations.read(file);
        if (back.cells().size() != o.getAsJsonObject("verdicts").size()) {
            throw new IllegalStateException(file + ": converted " + back.cells().size() + " of "
                    + o.getAsJsonObject("verdicts").size() + " cells");
        }
        return cells.size();
    }
}
