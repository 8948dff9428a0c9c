package attendfirst.report;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.List;
import java.util.Locale;

/**
 * Sweeps as CSV, one row per (manipulation, k, seed, example), baseline rows with k = "baseline". The forms with
 * a run id add a last column {@code run} on every row, so a CSV taken out of a report still says which run made it.
 */
public final class SweepCsv {

    private SweepCsv() {
    }

    public static String sweeps(List<SweepResult> sweeps, String runId) {
        return withRun(sweeps(sweeps), runId);
    }

    public static String switches(SwitchResult s, String runId) {
        return withRun(switches(s), runId);
    }

    private static String withRun(String csv, String runId) {
        StringBuilder sb = new StringBuilder();
        boolean header = true;
        for (String line : csv.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            sb.append(line).append(',').append(header ? "run" : field(runId)).append('\n');
            header = false;
        }
        return sb.toString();
    }

    public static String sweeps(List<SweepResult> sweeps) {
        StringBuilder sb = new StringBuilder("model,task,metric,manipulation,k,seed,example,score\n");
        for (SweepResult r : sweeps) {
            String prefix = field(r.model()) + ',' + field(r.task()) + ',' + field(r.metric()) + ','
                    + field(r.manipulation()) + ',';
            for (int e = 0; e < r.numExamples(); e++) {
                sb.append(prefix).append("baseline,,").append(e).append(',').append(num(r.baseline()[e])).append('\n');
            }
            for (int k = 0; k < r.layers().length; k++) {
                for (int s = 0; s < r.seeds().length; s++) {
                    for (int e = 0; e < r.numExamples(); e++) {
                        sb.append(prefix).append(r.layers()[k]).append(',').append(r.seeds()[s]).append(',').append(e)
                                .append(',').append(num(r.scores()[k][s][e])).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    public static String switches(SwitchResult s) {
        StringBuilder sb = new StringBuilder("model,k,pair,outcome\n");
        for (int k = 0; k < s.layers().length; k++) {
            for (int p = 0; p < s.pairs().size(); p++) {
                int o = s.outcome()[k][p];
                sb.append(field(s.model())).append(',').append(s.layers()[k]).append(',').append(field(s.pairs().get(p)))
                        .append(',').append(o == SwitchResult.IGNORED ? "ignored" : o == SwitchResult.CONFORMED
                                ? "conformed" : "other").append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** RFC 4180 quoting when a field holds a comma, quote or newline. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
