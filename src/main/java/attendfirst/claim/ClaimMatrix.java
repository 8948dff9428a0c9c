package attendfirst.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The claims x models x tasks matrix the harness runs. Models default to every fixture in fixtures/models/
 * (file name without .json) and may be narrowed with {@value #MODELS_PROPERTY}; tasks are each claim's own and
 * may be narrowed with {@value #TASKS_PROPERTY}; claims may be narrowed with {@value #CLAIMS_PROPERTY} (ids).
 */
public final class ClaimMatrix {

    public static final String MODELS_PROPERTY = "attendfirst.models";
    public static final String TASKS_PROPERTY = "attendfirst.tasks";
    public static final String CLAIMS_PROPERTY = "attendfirst.claimIds";

    private ClaimMatrix() {
    }

    public static List<ClaimCase> cases(ClaimCatalogue catalogue, List<String> models, Set<String> taskFilter,
                                        Set<String> claimFilter) {
        List<ClaimCase> out = new ArrayList<>();
        for (Claim claim : catalogue.claims()) {
            if (claimFilter != null && !claimFilter.contains(claim.id())) {
                continue;
            }
            for (String model : models) {
                for (String task : claim.tasks()) {
                    if (taskFilter == null || taskFilter.contains(task)) {
                        out.add(new ClaimCase(claim, model, task));
                    }
                }
            }
        }
        return out;
    }

    /** The matrix as configured by system properties, over the default catalogue. */
    public static List<ClaimCase> fromSystemProperties(ClaimCatalogue catalogue) {
        String models = System.getProperty(MODELS_PROPERTY);
        List<String> modelList = models != null && !models.isBlank() ? split(models).stream().toList()
                : attendfirst.fixture.ModelFixtures.load(ClaimCatalogue.RepoRoot.find().resolve("fixtures/models")).defaultRun();
        return cases(catalogue, modelList, filter(TASKS_PROPERTY), filter(CLAIMS_PROPERTY));
    }

    /** Names of the model fixtures, sorted. */
    public static List<String> fixtureModels(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no model fixtures (*.json) in " + dir);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model fixtures in " + dir, e);
        }
    }

    /** Names from a comma-separated property; task specs such as {@code capitals:20:7} count by their name. */
    private static Set<String> filter(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return null;
        }
        return split(value).stream().map(v -> v.split(":", 2)[0])
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static Set<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
