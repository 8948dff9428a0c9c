package attendfirst.claim;

import attendfirst.claim.stats.SequentialDesign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adaptive sampling of one (model, task): its examples are swept in rounds, round r covering the first n_r of at
 * most N (N r / maxLooks, {@link SequentialDesign#schedule}), and after each round every claim cell still
 * undecided is judged at {@link SequentialDesign#lookAlpha(int)}. A cell decided (HOLDS or REFUTED) at look r
 * keeps that verdict and is not judged again; sweeping stops when every cell is decided or N is reached. Because
 * every look spends alpha / maxLooks, the chance that any look of a cell gives a wrong verdict stays <= alpha
 * whatever the stopping rule (Bonferroni over looks). A cell undecided at the end keeps its last INCONCLUSIVE
 * verdict, which says how many examples it would need.
 */
public final class SequentialRun {

    /** Sweeps of a (model, task) on a prefix of its examples. */
    public interface Rounds {
        /** The largest number of examples the (model, task) can be swept on (N of the schedule). */
        int maxExamples(String model, String task);

        /** Sweeps of the first {@code n} examples (every manipulation on the same examples). */
        SweepProvider firstExamples(String model, String task, int n);

        /** Which examples these are, for the verdict ("known-only (clean accuracy on the pool: 53/188)"). */
        default String examplesNote(String model, String task) {
            return "";
        }
    }

    /**
     * Where one cell's verdict was decided.
     *
     * @param verdict  the verdict (its explanation ends with {@link #describe()})
     * @param look     the look it was decided at (the last look when undecided)
     * @param examples the examples judged at that look
     * @param maxLooks looks of the design
     * @param alpha    the alpha spent at that look
     * @param decided  HOLDS or REFUTED
     * @param note     which examples ("known-only (clean accuracy on the pool: 53/188)"); "" when not known
     */
    public record Decision(Verdict verdict, int look, int examples, int maxLooks, double alpha, boolean decided,
                           String note) {

        public Decision(Verdict verdict, int look, int examples, int maxLooks, double alpha, boolean decided) {
            this(verdict, look, examples, maxLooks, alpha, decided, "");
        }

        /** The summary's fields of this decision. */
        public Map<String, Object> fields() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("look", look);
            out.put("maxLooks", maxLooks);
            out.put("n", examples);
            out.put("lookAlpha", alpha);
            out.put("decided", decided);
            if (note != null && !note.isBlank()) {
                out.put("examples", note);
            }
            out.put("sampling", describe());
            return out;
        }

        public String describe() {
            return String.format("%s at look %d of %d on n = %d examples, alpha %.4f at this look (Bonferroni over "
                    + "%d looks)", decided ? "decided" : "undecided", look, maxLooks, examples, alpha, maxLooks);
        }
    }

    private final ClaimJudge judge;
    private final SequentialDesign design;

    public SequentialRun(ClaimJudge judge, SequentialDesign design) {
        this.judge = judge;
        this.design = design;
    }

    public SequentialDesign design() {
        return design;
    }

    /** Judges {@code claims} (none of them the switch) on one (model, task) in rounds; one decision per claim. */
    public Map<Claim, Decision> run(String model, String task, List<Claim> claims, Rounds rounds) {
        for (Claim c : claims) {
            if (c.isSwitch()) {
                throw new IllegalArgumentException(c.id() + " is the switch claim: judged once at its fixed size");
            }
        }
        int max = rounds.maxExamples(model, task);
        // a single example cannot be split into rounds: every look would see it, so it gets one
        int[] schedule = max >= 2 ? design.schedule(max) : java.util.stream.IntStream.generate(() -> max)
                .limit(design.maxLooks()).toArray();
        String note = rounds.examplesNote(model, task);
        Map<Claim, Decision> decided = new LinkedHashMap<>();
        Map<Claim, Decision> last = new LinkedHashMap<>();
        int previous = 0;
        for (int look = 1; look <= design.maxLooks() && decided.size() < claims.size(); look++) {
            int n = schedule[look - 1];
            if (n == previous) {
                continue; // too few examples for this many looks: the look would see the same data
            }
            previous = n;
            SweepProvider sweeps = rounds.firstExamples(model, task, n);
            double alpha = design.lookAlpha(look);
            for (Claim c : claims) {
                if (decided.containsKey(c)) {
                    continue;
                }
                Verdict v = judge.judge(c, model, task, sweeps, alpha);
                boolean done = v.outcome() != Verdict.Outcome.INCONCLUSIVE;
                Decision d = new Decision(v, look, n, design.maxLooks(), alpha, done);
                last.put(c, d);
                if (done) {
                    decided.put(c, d);
                }
            }
        }
        Map<Claim, Decision> out = new LinkedHashMap<>();
        for (Claim c : claims) {
            Decision d = last.get(c);
            out.put(c, new Decision(annotate(d.verdict(), d, note), d.look(), d.examples(), d.maxLooks(), d.alpha(),
                    d.decided(), note));
        }
        return out;
    }

    /** The verdict with its look, n, alpha and (when known) which examples in its explanation. */
    static Verdict annotate(Verdict v, Decision d, String note) {
        String extra = " [" + d.describe() + (note == null || note.isBlank() ? "" : "; examples: " + note) + "]";
        return new Verdict(v.claim(), v.model(), v.task(), v.numLayers(), v.outcome(), v.decisive(),
                v.explanation() + extra, v.checks(), v.baseline(), v.chance(), v.alpha(), v.familySize(),
                v.errorControl(), v.transition(), v.examplesNeeded());
    }

    /**
     * Rounds cut from sweeps over every example (a provider that cannot sweep a range): each look judges the
     * first n examples of the full sweeps. {@code manipulation} is any manipulation the provider sweeps (it
     * tells N).
     */
    public static Rounds slicing(SweepProvider full, String manipulation) {
        return new Rounds() {
            @Override
            public int maxExamples(String model, String task) {
                return full.sweep(model, task, manipulation).numExamples();
            }

            @Override
            public SweepProvider firstExamples(String model, String task, int n) {
                return new SweepProvider() {
                    @Override
                    public attendfirst.sweep.SweepResult sweep(String m, String t, String man) {
                        return attendfirst.sweep.SweepSlices.first(full.sweep(m, t, man), n);
                    }

                    @Override
                    public attendfirst.sweep.SwitchResult switchSweep(String m) {
                        return full.switchSweep(m);
                    }
                };
            }
        };
    }

    /** The claims of {@code cases} grouped by (model, task), switch claims left out, in order. */
    public static Map<List<String>, List<Claim>> groups(List<ClaimCase> cases) {
        Map<List<String>, List<Claim>> out = new LinkedHashMap<>();
        for (ClaimCase c : cases) {
            if (!c.claim().isSwitch()) {
                out.computeIfAbsent(List.of(c.model(), c.task()), k -> new ArrayList<>()).add(c.claim());
            }
        }
        return out;
    }
}
