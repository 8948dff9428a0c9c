package attendfirst.run;

/**
 * What a build's {@code -Dtest=...} selection means for the claims: the claims execution selects ClaimsTest by
 * its JUnit tag {@value #CLAIMS_TAG} (pom.xml), so a selection of engineering tests runs no claim, and the
 * steps around the claims (clearing the results, the gate) have nothing to do.
 */
final class TestSelection {

    /** The JUnit tag of the claims test; the claims execution runs it, the engineering execution excludes it. */
    static final String CLAIMS_TAG = "claims";

    private TestSelection() {
    }

    /** No selection (null, blank or Maven's unresolved "${test}") runs everything; else it must name the claims. */
    static boolean selectsClaims(String selection) {
        if (selection == null || selection.isBlank() || selection.startsWith("${")) {
            return true;
        }
        return selection.contains("Claims");
    }
}
