package attendfirst.run;

import attendfirst.report.AllureResultsFiles;
import java.nio.file.Path;

/**
 * Build step before any test of a build that runs the claims (exec:java in process-test-classes): empties the
 * Allure results directory, so that the report of this build never mixes in result files of an earlier one,
 * whatever starts the build ({@code mvn test}, {@code mvn -Pclaims test}, scripts/claim-report.sh).
 *
 * <p>Usage: {@code ClearResults DIR}.
 */
public final class ClearResults {

    private ClearResults() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ClearResults ALLURE_RESULTS_DIR");
        }
        AllureResultsFiles files = new AllureResultsFiles(Path.of(args[0]).toAbsolutePath());
        files.clear();
        System.out.println("claims run: cleared " + files.dir() + " (a fresh result set for this build)");
    }
}
