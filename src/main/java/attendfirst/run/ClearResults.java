package attendfirst.run;

import attendfirst.report.AllureResultsFiles;
import java.nio.file.Path;

/**
 * Build step before any test of a build that runs the claims (exec:java in process-test-classes, in Maven's
 * JVM): takes the run's lock on its outputs ({@link RunLock}: a second run in the same checkout stops here, naming
 * the holder, before touching anything), then empties the Allure results directory, so that the report of this
 * build never mixes in result files of an earlier one, whatever starts the build ({@code mvn test},
 * {@code mvn -Pclaims test}, scripts/claim-report.sh). The lock stays with Maven's process until the gate step
 * ({@link ClaimGateStep}) releases it; a build that dies before leaves a stale lock, which the next run takes over.
 *
 * <p>A build whose test selection ({@code -Dtest=...}) selects no claims runs no claims: nothing is locked or
 * cleared, so {@code mvn test -Dtest=<typo>} (which fails: no test matched) leaves the previous results alone.
 *
 * <p>Usage: {@code ClearResults ALLURE_RESULTS_DIR LOCK_FILE}.
 */
public final class ClearResults {

    private ClearResults() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClearResults ALLURE_RESULTS_DIR LOCK_FILE");
        }
        System.out.println(clear(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(),
                System.getProperty("test")));
    }

    /** What the step did; throws {@link RunLock.HeldException} when another run holds the outputs. */
    static String clear(Path results, Path lock, String testSelection) {
        if (!TestSelection.selectsClaims(testSelection)) {
            return "claims run: -Dtest=" + testSelection + " selects no claims: " + results + " left as it is";
        }
        RunLock.acquire(lock, System.out); // held by this (Maven's) process until the gate step
        AllureResultsFiles files = new AllureResultsFiles(results);
        files.clear();
        return "claims run: cleared " + files.dir() + " (a fresh result set for this build; outputs locked by "
                + lock + ")";
    }
}
