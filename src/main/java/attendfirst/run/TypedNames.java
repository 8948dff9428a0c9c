package attendfirst.run;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property a user typed. Maven's claims execution passes {@code -Dclaims.tasks=...} on as
 * {@code -Dattendfirst.tasks} (pom.xml); a problem found in {@code attendfirst.tasks} names {@code -Dclaims.tasks}
 * when that is what the build was given (Maven hands its user properties to the test JVM), so the message
 * points at the flag on the user's command line.
 */
final class TypedNames {

    /** attendfirst.* property = the claims.* Maven property that feeds it (pom.xml, the claims execution). */
    static final Map<String, String> MAVEN_ALIASES = Map.ofEntries(
            Map.entry("attendfirst.models", "claims.models"),
            Map.entry("attendfirst.tasks", "claims.tasks"),
            Map.entry("attendfirst.claimIds", "claims.ids"),
            Map.entry("attendfirst.seeds", "claims.seeds"),
            Map.entry("attendfirst.layerStride", "claims.layerStride"),
            Map.entry("attendfirst.switchExamples", "claims.switchExamples"),
            Map.entry("attendfirst.switchPairs", "claims.switchPairs"),
            Map.entry("attendfirst.looks", "claims.looks"),
            Map.entry("attendfirst.products", "claims.products"),
            Map.entry("attendfirst.budgetMinutes", "claims.budgetMinutes"),
            Map.entry("attendfirst.expectations", "claims.expectations"),
            Map.entry("attendfirst.summary", "claims.summary"),
            Map.entry("attendfirst.strict", "claims.strict"),
            Map.entry("attendfirst.acceptExpectations", "claims.acceptExpectations"),
            Map.entry("attendfirst.acceptPartial", "claims.acceptPartial"));

    private static final Pattern NAME = Pattern.compile("-D(attendfirst\\.[A-Za-z]+)");

    private TypedNames() {
    }

    /** The problems with every -Dattendfirst.x that came from a typed -Dclaims.y named as the latter. */
    static List<String> asTyped(List<String> problems, Properties p) {
        return problems.stream().map(s -> asTyped(s, p)).toList();
    }

    static String asTyped(String problem, Properties p) {
        Matcher m = NAME.matcher(problem);
        StringBuilder out = new StringBuilder();
        java.util.Set<String> renamed = new java.util.LinkedHashSet<>();
        while (m.find()) {
            String alias = MAVEN_ALIASES.get(m.group(1));
            boolean typed = alias != null && p.getProperty(alias) != null;
            if (typed) {
                renamed.add("-D" + alias + " is passed on to the run as -D" + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(typed ? "-D" + alias : m.group()));
        }
        m.appendTail(out);
        return renamed.isEmpty() ? out.toString() : out + " (" + String.join("; ", renamed) + ")";
    }
}
