package attendfirst.claim;

import attendfirst.fixture.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The claim catalogue: every claim with its thresholds, the statistics settings and the testability margin.
 * This is the one place where thresholds are set.
 *
 * @param source             the file it was read from
 * @param statistics         how verdicts are reached (confidence, looks)
 * @param testabilityMargin  a (model, task) is not testable when its clean share on the pool (point estimate) is
 *                           below chance + this margin
 * @param minSolved          ... nor when the clean model solves fewer pool examples than this (decided once per
 *                           (model, task) before any sweep, see {@link Testability})
 * @param claims             the claims, in catalogue order
 */
public record ClaimCatalogue(Path source, StatisticsSettings statistics, Threshold testabilityMargin,
                             Threshold minSolved, List<Claim> claims) {

    /** The minimum of solved examples when a catalogue does not state one. */
    public static final Threshold DEFAULT_MIN_SOLVED = new Threshold(8, "ours", "default: 8 solved examples; with"
            + " every one kept at the top layers the exact interval of headroom lost already excludes 0.4 at one-sided"
            + " 0.025");

    public ClaimCatalogue {
        claims = List.copyOf(claims);
    }

    public ClaimCatalogue(Path source, StatisticsSettings statistics, Threshold testabilityMargin, List<Claim> claims) {
        this(source, statistics, testabilityMargin, DEFAULT_MIN_SOLVED, claims);
    }

    public static ClaimCatalogue load(Path file) {
        return ClaimCatalogueReader.read(file);
    }

    /** The committed catalogue, {@code fixtures/claims/catalogue.json} of the repository (a run may name another). */
    public static ClaimCatalogue loadDefault() {
        return load(Project.root().resolve("fixtures/claims/catalogue.json"));
    }

    public Claim claim(String id) {
        return claims.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no claim '" + id + "' in " + source));
    }

    /** Kept for callers of the old name: the repository root is found in one place, {@link Project#root()}. */
    public static final class RepoRoot {
        private RepoRoot() {
        }

        /** {@link Project#root()}. */
        public static Path find() {
            return Project.root();
        }
    }
}
