package attendfirst.run;

import attendfirst.report.ClaimGate;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Build step right after the claims execution (exec:java in Maven's JVM): prints the run's findings from the gate
 * file and fails the build on its problems ({@link ClaimGate#check}), then releases the run's lock on its outputs
 * when this process took it ({@link ClearResults}). A selection of engineering tests ({@code -Dtest=...}) ran no
 * claim: nothing to check.
 *
 * <p>Properties: {@code -Dattendfirst.gate} (default target/claims-gate.properties), {@code -Dattendfirst.lock}
 * (default: {@value RunLock#FILE} beside the gate file).
 */
public final class ClaimGateStep {

    private ClaimGateStep() {
    }

    public static void main(String[] args) throws IOException {
        Path gate = Path.of(System.getProperty(ClaimGate.FILE_PROPERTY, "target/claims-gate.properties"))
                .toAbsolutePath();
        Path lock = Path.of(System.getProperty("attendfirst.lock", gate.resolveSibling(RunLock.FILE).toString()));
        System.out.println(run(System.getProperty("test"), gate, lock));
    }

    /** The gate's console report; throws with the problems of a run that fails the build. */
    static String run(String testSelection, Path gate, Path lock) throws IOException {
        try {
            if (!TestSelection.selectsClaims(testSelection)) {
                return "claims gate: skipped (-Dtest=" + testSelection + " selects no claims)";
            }
            return ClaimGate.check(gate);
        } finally {
            RunLock.releaseIfMine(lock);
        }
    }
}
