package attendfirst.precision;

import attendfirst.claim.ClaimCase;
import attendfirst.claim.ClaimCatalogue;
import attendfirst.claim.ClaimJudge;
import attendfirst.claim.ClaimMatrix;
import attendfirst.claim.Verdict;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.sweep.EngineSweepProvider;
import attendfirst.sweep.SweepPlan;
import attendfirst.task.TaskSpec;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The same small claims plan judged with the model in float32 and in float16 (on this CPU), verdict by verdict:
 * what the GPU dtype changes in the conclusions before a GPU runner draws them. The model's fixture is copied
 * into a temporary fixtures directory with its CPU dtype set to each dtype in turn; everything else is the real
 * claims path (EngineSweepProvider, ClaimJudge, the committed catalogue).
 *
 * <pre>
 * mvn -B -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=attendfirst.precision.Float16Verdicts \
 *     -Dexec.args="smollm2-135m-instruct capitals:6,arithmetic:4 10"
 * </pre>
 * Arguments: model, task specs, layer stride (seeds 1, switch 3 examples x 1 pair, no known-example filter).
 * Prints a Markdown table; float16 products run at a few GFLOP/s here, so keep the plan small.
 */
public final class Float16Verdicts {
    private Float16Verdicts() {
    }

    public static void main(String[] args) throws IOException {
        String model = args.length > 0 ? args[0] : "smollm2-135m-instruct";
        List<TaskSpec> tasks = Arrays.stream((args.length > 1 ? args[1] : "capitals:6,arithmetic:4").split(","))
                .map(TaskSpec::parse).toList();
        int stride = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        SweepPlan plan = SweepPlan.SMALLEST.withLayerStride(stride).withSwitch(1, 3);
        ClaimCatalogue catalogue = ClaimCatalogue.loadDefault();
        Set<String> taskNames = new java.util.HashSet<>(tasks.stream().map(TaskSpec::name).toList());
        List<ClaimCase> cases = ClaimMatrix.cases(catalogue, List.of(model), taskNames, null);
        Map<String, Map<String, String>> byDtype = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> allMessages = new ArrayList<>();
        for (String dtype : List.of("float32", "float16")) {
            Path dir = Files.createTempDirectory("fixtures-" + dtype);
            JsonObject f = JsonParser.parseString(Files.readString(
                    Project.root().resolve("fixtures/models").resolve(model + ".json"))).getAsJsonObject();
            f.getAsJsonObject("dtype").addProperty("cpu", dtype);
            Files.writeString(dir.resolve(model + ".json"), f.toString());
            long t = System.nanoTime();
            Map<String, String> verdicts = new LinkedHashMap<>();
            List<String> messages = new ArrayList<>();
            try (EngineSweepProvider provider = new EngineSweepProvider(ModelFixtures.load(dir), tasks, plan, System.out)) {
                ClaimJudge judge = new ClaimJudge(catalogue);
                for (ClaimCase c : cases) {
                    try {
                        Verdict v = judge.judge(c.claim(), c.model(), c.task(), attendfirst.run.RunWiring.sweeps(provider));
                        verdicts.put(c.name(), v.outcome().toString());
                        messages.add(dtype + " " + v.message());
                    } catch (RuntimeException e) {
                        // e.g. too few known capitals for switch pairs in a small plan: a cell without a verdict
                        verdicts.put(c.name(), "no verdict (" + e.getMessage() + ")");
                    }
                }
            }
            seconds.put(dtype, (System.nanoTime() - t) / 1e9);
            allMessages.addAll(messages);
            byDtype.put(dtype, verdicts);
        }
        List<String> lines = new ArrayList<>();
        lines.add("| case | float32 | float16 | same |");
        lines.add("|---|---|---|---|");
        int differ = 0;
        for (ClaimCase c : cases) {
            String a = byDtype.get("float32").get(c.name());
            String b = byDtype.get("float16").get(c.name());
            boolean same = a.equals(b);
            differ += same ? 0 : 1;
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", c.name().replace(" | ", " / "), a, b,
                    same ? "yes" : "**no**"));
        }
        System.out.println();
        System.out.printf("float16 vs float32 verdicts, %s, tasks %s, %s: %d of %d differ; run time float32 %.0f s, "
                + "float16 %.0f s%n", model, tasks, plan, differ, cases.size(), seconds.get("float32"),
                seconds.get("float16"));
        lines.forEach(System.out::println);
        System.out.println();
        allMessages.forEach(System.out::println);
    }
}
