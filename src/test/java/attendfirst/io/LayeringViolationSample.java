package attendfirst.io;

import java.util.Set;

/**
 * Breaks both rules of {@code attendfirst.LayeringTest} on purpose, so that the test can show its rules fail: a
 * class of the io layer that uses run/ (through a fully qualified name) and reads a project setting.
 */
final class LayeringViolationSample {
    private LayeringViolationSample() {
    }

    static Set<String> knownProperties() {
        return attendfirst.run.RunConfig.KNOWN_PROPERTIES;
    }

    static String models() {
        return System.getProperty("attendfirst.models");
    }
}
