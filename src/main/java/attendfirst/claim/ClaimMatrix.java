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
 * The claims x models x tasks matrix the harness runs: every claim (or those named) on every model, on each of
 * the claim's own tasks that the run has. The selection itself is configured in {@code attendfirst.run.RunConfig}.
 */
public final class ClaimMatrix {

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

}
