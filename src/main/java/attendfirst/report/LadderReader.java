package attendfirst.report;

import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The model ladder out of run summaries (claims-summary.json), read by {@link SummaryFile} like every other
 * reader of the format: per model the newest summary (by "generated") is used ({@link SummaryFile#merge}), each
 * verdict's transition is read by {@link SummaryTransition}, the parameter count and the swept k (to which the
 * lower ends are widened, {@link Ladder.Point}) come from the model's digest. A summary without a parameter count
 * gets it from the model's configuration ({@link ParameterCount}); a model whose count is not known on this
 * machine is left off the ladder with a note that says how to get it.
 */
public final class LadderReader {

    /** What the ladder needs to know about a model beyond its summary. */
    public interface Models {
        ParameterCount.Counted parameters(String model);

        String displayName(String model);

        /** Nothing known beyond the summaries: models without a recorded count are left off. */
        static Models none() {
            return new Models() {
                @Override
                public ParameterCount.Counted parameters(String model) {
                    return new ParameterCount.Counted(OptionalLong.empty(), "no fixtures given to read "
                            + "configurations from");
                }

                @Override
                public String displayName(String model) {
                    return model;
                }
            };
        }

        /** From the committed fixtures: the GGUF header in the model cache, or the committed config. */
        static Models fixtures(Path directory) {
            ModelFixtures fixtures = ModelFixtures.load(directory);
            return new Models() {
                @Override
                public ParameterCount.Counted parameters(String model) {
                    if (!fixtures.names().contains(model)) {
                        return new ParameterCount.Counted(OptionalLong.empty(), "no fixture " + directory.resolve(
                                model + ".json") + " to read its configuration from");
                    }
                    return ParameterCount.of(fixtures.get(model));
                }

                @Override
                public String displayName(String model) {
                    if (!fixtures.names().contains(model)) {
                        return model;
                    }
                    ModelFixture f = fixtures.get(model);
                    return f.displayName() == null ? model : f.displayName();
                }
            };
        }
    }

    private LadderReader() {
    }

    public static Ladder read(List<Path> summaries, Models models) {
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("the ladder needs at least one claims summary (claims-summary.json)");
        }
        SummaryFile merged = SummaryFile.merge(summaries);
        List<String> sources = new ArrayList<>(merged.notes());
        List<Ladder.Point> points = new ArrayList<>();
        List<Ladder.Model> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : merged.origins().entrySet()) {
            String model = e.getKey();
            String summary = e.getValue();
            ModelDigest digest = merged.models().get(model);
            long parameters;
            String from;
            if (digest != null && digest.parameters() != null) {
                parameters = digest.parameters();
                from = "the run's summary";
            } else {
                ParameterCount.Counted c = models.parameters(model);
                if (c.parameters().isEmpty()) {
                    sources.add(model + ": left off the ladder, its parameter count is unknown (" + c.source() + ")");
                    continue;
                }
                parameters = c.parameters().getAsLong();
                from = c.source();
            }
            List<JudgedCell> cells = merged.cells().stream().filter(c -> c.model().equals(model)).toList();
            int layers = digest != null ? digest.numLayers() : cells.get(0).numLayers();
            List<Ladder.Point> own = cells.stream().filter(c -> c.transition() != null)
                    .map(c -> point(c, parameters, grid(digest, c))).toList();
            rows.add(new Ladder.Model(model, models.displayName(model), parameters, from, layers, summary));
            points.addAll(own);
            sources.add(model + ": " + own.size() + " transition estimates from " + summary + "; "
                    + ParameterCount.shortForm(parameters) + " parameters (" + parameters + ", from " + from + ")");
        }
        Map<String, Long> paper = new LinkedHashMap<>();
        for (String m : PaperReference.PAPER_MODELS) {
            ParameterCount.Counted c = models.parameters(m);
            if (c.parameters().isPresent()) {
                paper.put(m, c.parameters().getAsLong());
            } else {
                sources.add("paper model " + m + ": not drawn, its parameter count is unknown (" + c.source() + ")");
            }
        }
        return new Ladder(points, rows, sources, paper);
    }

    /**
     * The swept k of a cell's curve, from the model's digest: the switch's k for the switch family, else the
     * union of the k of every curve of the cell's task; null when the summary does not list them.
     */
    static int[] grid(ModelDigest digest, JudgedCell cell) {
        if (digest == null) {
            return null;
        }
        TreeSet<Integer> ks = new TreeSet<>();
        if ("switch".equals(cell.family()) && digest.switchShares() != null) {
            Arrays.stream(digest.switchShares().ks()).forEach(ks::add);
        } else {
            digest.tasks().stream().filter(t -> t.task().equals(cell.task()))
                    .flatMap(t -> t.curves().stream()).forEach(c -> Arrays.stream(c.ks()).forEach(ks::add));
        }
        return ks.isEmpty() ? null : ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The layer after the last swept k below {@code kLower}; kLower itself when none is below it. */
    static Integer widened(Integer kLower, int[] grid) {
        if (kLower == null || grid == null) {
            return kLower;
        }
        int below = -1;
        for (int k : grid) {
            if (k < kLower) {
                below = Math.max(below, k);
            }
        }
        return below < 0 ? kLower : below + 1;
    }

    static String gridText(int[] grid) {
        if (grid == null) {
            return "not in the summary";
        }
        if (grid.length > 4) {
            return grid[0] + ", " + grid[1] + ", " + grid[2] + ", …, " + grid[grid.length - 1];
        }
        return String.join(", ", Arrays.stream(grid).mapToObj(Integer::toString).toList());
    }

    /** The cell's transition estimate as a point of the ladder, its lower end widened to the grid. */
    static Ladder.Point point(JudgedCell c, long parameters, int[] grid) {
        SummaryTransition t = c.transition();
        Integer kLowerGrid = widened(t.kLower(), grid);
        return new Ladder.Point(c.model(), parameters, c.claim(), c.family(), c.task(), c.numLayers(), c.verdict(),
                t.fraction(t.k()), t.fraction(kLowerGrid), t.fraction(t.kUpper()), t.k(), t.kLower(), t.kUpper(),
                kLowerGrid, gridText(grid), t.definition());
    }
}
