package attendfirst.run;

import attendfirst.task.Task;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TaskSpec;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the examples of the selected tasks as JSON so that Python checks
 * ({@code tools/tasks_baseline_check.py}) run the very same prompts.
 * Usage: {@code ExampleDump OUT.json [spec,spec,...]}; without specs, {@code -Dattendfirst.tasks} or all four.
 */
public final class ExampleDump {
    private ExampleDump() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ExampleDump OUT.json [capitals:50,arithmetic:50,...]");
        }
        List<TaskSpec> specs = args.length > 1 ? TaskSpec.parseList(args[1]) : RunConfig.taskSpecs(System.getProperties());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskSpec spec : specs) {
            Task task = TaskRegistry.create(spec);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", task.name());
            t.put("spec", spec.toString());
            t.put("description", task.description());
            t.put("primaryMetric", task.primaryMetric());
            t.put("maxNewTokens", task.maxNewTokens());
            t.put("stopStrings", task.stopStrings());
            t.put("chance", task.chance());
            t.put("examples", task.examples());
            tasks.add(t);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), out.getFileName().toString(), ".partial");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(tasks),
                StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + out + " (" + specs + ")");
    }
}
