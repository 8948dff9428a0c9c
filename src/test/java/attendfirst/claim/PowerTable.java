package attendfirst.claim;

import attendfirst.claim.Calibration.Task;
import attendfirst.claim.Verdict.Outcome;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Power calculation per task: the smallest number of examples at which the committed catalogue's claims reach
 * the right verdict with probability >= 0.8, at effect sizes the paper makes plausible, by simulation with the
 * real judge on SYNTHETIC sweeps ({@link Calibration}; L = 30, every k from 1 swept, 2 seeds of random). The
 * command is in BENCHMARKS.md; the one argument is the replicates per point (default 200).
 */
public final class PowerTable {

    static final int[] SIZES = {4, 6, 8, 12, 16, 20, 24, 30, 40, 50, 60, 80, 100, 150, 200, 300};

    /** A claim, the truth planted, and the verdict that truth should give. */
    record Scenario(String claim, String manipulation, String truth, IntToDoubleFunction lost,
                    IntToDoubleFunction otherLost, Outcome right) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("C1", "random", "no drop in the top 30% (lost 0)", k -> k >= 21 ? 0 : 1, null, Outcome.HOLDS),
            new Scenario("C1", "random", "small drop (lost 0.1) in the top 30%", k -> k >= 21 ? 0.1 : 1, null,
                    Outcome.HOLDS),
            new Scenario("C1", "random", "large drop (lost 0.6) at one top k", k -> k == 25 ? 0.6 : k >= 21 ? 0 : 1,
                    null, Outcome.REFUTED),
            new Scenario("C2", "random", "at chance (lost 1) at k 1..4", k -> k <= 4 ? 1 : 0.3, null, Outcome.HOLDS),
            new Scenario("C2", "random", "never below lost 0.4", k -> 0.4, null, Outcome.REFUTED),
            new Scenario("C3", "random", "step: lost 1 below k=13, 0 from k=15", k -> k < 13 ? 1 : k < 15 ? 0.5 : 0,
                    null, Outcome.HOLDS),
            new Scenario("C4", "freeze", "freeze = random (gap 0)", k -> k < 15 ? 1 : 0, k -> k < 15 ? 1 : 0,
                    Outcome.HOLDS),
            new Scenario("C4", "freeze", "freeze 0.5 of the headroom below random at k 10..14",
                    k -> k < 15 ? 1 : 0, k -> k < 10 ? 1 : k < 15 ? 0.5 : 0, Outcome.REFUTED),
            new Scenario("C6b", "skip-attention", "lost 1 at k 1..3", k -> k <= 3 ? 1 : 0.2, null, Outcome.HOLDS));

    private PowerTable() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.println(table(reps));
    }

    static String table(int reps) {
        ClaimCatalogue catalogue = ClaimCatalogue.loadDefault();
        ClaimJudge judge = new ClaimJudge(catalogue);
        List<String> rows = new ArrayList<>();
        rows.add("| task (plan n) | claim | planted truth | right verdict | n for P >= 0.8 | P at plan n |");
        rows.add("|---|---|---|---|---|---|");
        for (Task t : Calibration.MAIN_PLAN) {
            for (Scenario s : SCENARIOS) {
                String needed = "> " + SIZES[SIZES.length - 1];
                for (int n : SIZES) {
                    if (power(judge, catalogue, t.withN(n), s, reps) >= 0.8) {
                        needed = Integer.toString(n);
                        break;
                    }
                }
                rows.add(String.format(Locale.ROOT, "| %s (%d) | %s | %s | %s | %s | %.2f |", t.name(), t.n(),
                        s.claim(), s.truth(), s.right(), needed, power(judge, catalogue, t, s, reps)));
            }
        }
        rows.add(String.format(Locale.ROOT, "| switch | C5 | paper-like: conform 0.9 below k=12, ignore 0.94 from"
                + " k=22 (L=32, 2 pairs per country) | HOLDS | %s countries | |", switchNeeded(judge, catalogue, reps)));
        return "power at the catalogue's thresholds, " + reps + " replicates per point\n" + String.join("\n", rows);
    }

    static double power(ClaimJudge judge, ClaimCatalogue catalogue, Task t, Scenario s, int reps) {
        Claim claim = catalogue.claim(s.claim());
        Calibration cal = new Calibration(t.n() * 7919L + s.truth().hashCode());
        int right = 0;
        for (int r = 0; r < reps; r++) {
            double[] base = cal.baseline(t);
            var provider = new Synthetic.MapProvider().with(cal.sweep(t, s.manipulation(), 30, base, s.lost()));
            if (s.otherLost() != null) {
                provider.with(cal.sweep(t, "random", 30, base, s.otherLost()));
            }
            right += judge.judge(claim, "synthetic", t.name(), provider).outcome() == s.right() ? 1 : 0;
        }
        return right / (double) reps;
    }

    static String switchNeeded(ClaimJudge judge, ClaimCatalogue catalogue, int reps) {
        Claim c5 = catalogue.claim("C5");
        for (int countries : new int[] {4, 6, 8, 10, 12, 16, 20, 30, 40}) {
            Calibration cal = new Calibration(countries);
            int right = 0;
            for (int r = 0; r < reps; r++) {
                SwitchResult s = cal.switchSweep(32, countries, 2, k -> k < 12 ? 0.1 : k >= 22 ? 0.94 : 0.5);
                var provider = new Synthetic.MapProvider();
                provider.switchResult = s;
                right += judge.judge(c5, "synthetic", "capitals", provider).outcome() == Outcome.HOLDS ? 1 : 0;
            }
            if (right >= 0.8 * reps) {
                return Integer.toString(countries);
            }
        }
        return "> 40";
    }
}
