package attendfirst.claim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The claim catalogue: every claim with its thresholds, the statistics settings and the testability margin.
 * This is the one place where thresholds are set.
 *
 * @param source             the file it was read from
 * @param statistics         how verdicts are reached (confidence, looks)
 * @param testabilityMargin  a claim is not testable on a (model, task) whose baseline interval's lower end is
 *                           <= chance + this margin
 * @param claims             the claims, in catalogue order
 */
public record ClaimCatalogue(Path source, StatisticsSettings statistics, Threshold testabilityMargin,
                             List<Claim> claims) {

    /** System property naming a catalogue file other than the committed one. */
    public static final String FILE_PROPERTY = "attendfirst.claims";

    public ClaimCatalogue {
        claims = List.copyOf(claims);
    }

    public static ClaimCatalogue load(Path file) {
        return ClaimCatalogueReader.read(file);
    }

    /** The catalogue named by {@value #FILE_PROPERTY}, else {@code fixtures/claims/catalogue.json} of the repo. */
    public static ClaimCatalogue loadDefault() {
        String override = System.getProperty(FILE_PROPERTY);
        return load(override != null ? Path.of(override) : RepoRoot.find().resolve("fixtures/claims/catalogue.json"));
    }

    public Claim claim(String id) {
        return claims.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no claim '" + id + "' in " + source));
    }

    /** Small helper shared by the loaders of repo files. */
    public static final class RepoRoot {
        private RepoRoot() {
        }

        /** The nearest directory at or above user.dir that holds pom.xml and fixtures/. */
        public static Path find() {
            Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            for (Path d = dir; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("fixtures"))) {
                    return d;
                }
            }
            throw new IllegalStateException("no repository root (pom.xml + fixtures/) at or above " + dir);
        }
    }
}
