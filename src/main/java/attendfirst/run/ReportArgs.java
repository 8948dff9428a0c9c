package attendfirst.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one command-line parser of the report entry points ({@link ClaimReportMain}, {@link LadderMain},
 * {@link VerdictTableMain}): every option is {@code --name VALUE} (a path or a text), {@code --summary} may repeat
 * and must name existing files, an unknown option is named with the accepted ones.
 */
final class ReportArgs {

    static final String SUMMARY = "--summary";

    private final Map<String, List<String>> values;

    private ReportArgs(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses {@code args} against the accepted options; {@code usage} is shown when no summary is given. */
    static ReportArgs parse(String[] args, List<String> accepted, String usage) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!accepted.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + "; expected " + String.join(", ",
                        accepted));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            values.computeIfAbsent(flag, f -> new ArrayList<>()).add(args[++i]);
        }
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (!e.getKey().equals(SUMMARY) && e.getValue().size() > 1) {
                throw new IllegalArgumentException("option " + e.getKey() + " given " + e.getValue().size()
                        + " times; it takes one value");
            }
        }
        List<String> summaries = values.getOrDefault(SUMMARY, List.of());
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        for (Path s : summaries.stream().map(Path::of).toList()) {
            if (!Files.isRegularFile(s)) {
                throw new IllegalArgumentException("claims summary " + s + " does not exist (run the claims first)");
            }
        }
        return new ReportArgs(values);
    }

    List<Path> summaries() {
        return values.get(SUMMARY).stream().map(Path::of).toList();
    }

    /** The option's value as a path, or {@code fallback} when not given. */
    Path path(String flag, Path fallback) {
        List<String> v = values.get(flag);
        return v == null ? fallback : Path.of(v.get(0));
    }

    /** The option's value as given, or {@code fallback} when not given. */
    String text(String flag, String fallback) {
        List<String> v = values.get(flag);
        return v == null ? fallback : v.get(0);
    }
}
