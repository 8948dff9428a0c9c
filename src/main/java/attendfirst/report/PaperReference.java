package attendfirst.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the paper itself reports, as data, in fractions of depth (k/L) so that it can be drawn on the axes of a
 * model of any depth. Numbers are read off the paper's text and switch figure (Ben-Artzy & Schwartz 2024; see
 * shared/paper/README.md): all four paper models have L = 32. Where the paper describes a shape without a
 * number ("small to negligible drop", "close to baseline") the reference is drawn at the level it names
 * (baseline or chance) over the span it names, and its label says that it is a described shape.
 */
public final class PaperReference {

    /** Depth of every model in the paper (Llama2-7B, Mistral-7B, Yi-6B, Llemma-7B). */
    public static final int PAPER_LAYERS = 32;

    /** What a reference line's y means: the model's own baseline or chance score, or an absolute share. */
    public enum Level { BASELINE, CHANCE, VALUE }

    /**
     * A horizontal stretch of the paper's curve (from &lt; to), or a single read-off point (from == to), of one
     * series ("random", "freeze", "ignored", "conformed").
     */
    public record Line(String series, double from, double to, Level level, double value, String label) {
        public boolean isPoint() {
            return from == to;
        }

        /** The y of this reference for a model with this baseline and chance. */
        public double y(double baseline, double chance) {
            return switch (level) {
                case BASELINE -> baseline;
                case CHANCE -> chance;
                case VALUE -> value;
            };
        }
    }

    /**
     * A layer the paper names for one of its models, as a fraction of its 32 layers.
     *
     * @param model the paper model's fixture name (fixtures/models), or null
     */
    public record Mark(double at, String label, String model) {
    }

    /** A stretch of depth the paper describes for all its models, in fractions of depth. */
    public record Range(double from, double to, String label) {
    }

    /** The paper's four models, by fixture name (all L = 32). */
    public static final List<String> PAPER_MODELS = List.of("llama2-7b", "mistral-7b-v0.1", "yi-6b", "llemma-7b");

    /** "Little or no drop in the final 30-50% of layers": random costs little from 0.5-0.7 of depth. */
    private static final Range RANDOM_LITTLE_COST = new Range(0.5, 0.7,
            "paper: random costs little from 0.5–0.7 of depth (final 30–50% of layers; described, 4 models)");

    private static double of32(int k) {
        return k / (double) PAPER_LAYERS;
    }

    /** Score-against-k references of the paper, by manipulation. */
    private static final List<Line> SCORE = List.of(
            new Line("random", RANDOM_LITTLE_COST.from(), 1.0, Level.BASELINE, Double.NaN,
                    "paper: random ≈ baseline for k in the final 30–50% (described)"),
            new Line("random", 0.0, 0.0, Level.CHANCE, Double.NaN,
                    "paper: random at early k can fall to chance (described)"),
            new Line("freeze", 0.5, 1.0, Level.BASELINE, Double.NaN,
                    "paper: freeze of the top half ≈ baseline (described)"));

    /** Switch references: shares of pairs, read off the paper's switch figure. */
    private static final List<Line> SWITCH = List.of(
            new Line("conformed", 0.0, of32(12), Level.VALUE, 0.9, "paper: conform ≈ 0.9 below k=12 of 32"),
            new Line("ignored", of32(22), 1.0, Level.VALUE, 0.94, "paper: ignore ≈ 0.94 from k=22 of 32"),
            new Line("ignored", of32(18), of32(18), Level.VALUE, 0.66, "paper Llama2-7B k=18: ignore .66"),
            new Line("conformed", of32(18), of32(18), Level.VALUE, 0.13, "paper Llama2-7B k=18: conform .13"),
            new Line("ignored", of32(17), of32(17), Level.VALUE, 0.64, "paper Mistral-7B k=17: ignore .64"),
            new Line("conformed", of32(17), of32(17), Level.VALUE, 0.13, "paper Mistral-7B k=17: conform .13"));

    private static final List<Mark> SWITCH_FLIPS = List.of(
            new Mark(of32(17), "paper: Mistral-7B flips at 17/32", "mistral-7b-v0.1"),
            new Mark(of32(18), "paper: Llama2-7B flips at 18/32", "llama2-7b"),
            new Mark(of32(22), "paper: Yi-6B flips at 22/32", "yi-6b"));

    private PaperReference() {
    }

    /** The paper's score references for the manipulations shown on one plot. */
    public static List<Line> forTask(List<String> manipulations) {
        List<Line> out = new ArrayList<>();
        for (Line l : SCORE) {
            if (manipulations.contains(l.series())) {
                out.add(l);
            }
        }
        return out;
    }

    public static List<Line> switchLines() {
        return SWITCH;
    }

    /** The flip layers of Mistral-7B, Llama2-7B and Yi-6B. */
    public static List<Mark> switchFlips() {
        return SWITCH_FLIPS;
    }

    /**
     * The paper's transition layers for a claim family, per model where the paper names them (the switch flips),
     * for the model ladder; empty when the paper names none.
     */
    public static List<Mark> transitionMarks(String family) {
        return "switch".equals(family) ? SWITCH_FLIPS : List.of();
    }

    /** The stretch of depth the paper describes for all its models, for the ladder; null when it names none. */
    public static Range transitionRange(String family) {
        return switch (family) {
            case "random" -> RANDOM_LITTLE_COST;
            case "switch" -> new Range(SWITCH_FLIPS.stream().mapToDouble(Mark::at).min().orElseThrow(),
                    SWITCH_FLIPS.stream().mapToDouble(Mark::at).max().orElseThrow(),
                    "paper: switch flips at k=17–22 of 32 (Mistral-7B, Llama2-7B, Yi-6B)");
            default -> null;
        };
    }

    /**
     * The paper's numbers or figure for a claim family, one line of text for the front page (empty when the
     * paper gives none beyond its words).
     */
    public static String numbersFor(String family) {
        return switch (family) {
            case "random" -> String.format(java.util.Locale.ROOT, "Paper: ≈ baseline when k is in the final 30–50%% "
                    + "of layers (k/L ≥ %.1f–%.1f); early k can fall to chance. No ε given.", RANDOM_LITTLE_COST.from(),
                    RANDOM_LITTLE_COST.to());
            case "freeze" -> "Paper: gentler than random; freezing the top half (k/L ≥ 0.5) stays close to baseline.";
            case "switch" -> String.format("Paper (L=32): flip at k=17 Mistral, 18 Llama2, 22 Yi (k/L %.2f, %.2f, "
                    + "%.2f); conform ≈ 0.9 below k=12 (k/L < %.3f); ignore ≈ 0.94 from k=22 (k/L ≥ %.3f).",
                    of32(17), of32(18), of32(22), of32(12), of32(22));
            case "skip-attention" -> "Paper: little cost in the top layers, severe in the low layers (no numbers).";
            case "shuffle" -> "Not in the paper: our variant of random (C1 with shuffle).";
            default -> "";
        };
    }
}
