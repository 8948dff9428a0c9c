package attendfirst.run;

import attendfirst.report.SummaryFile;
import attendfirst.report.VerdictTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The verdict tables of claims summaries as Markdown on stdout (scripts/verdict-table.sh):
 *
 * <pre>
 * java attendfirst.run.VerdictTableMain table --summary FILE            # the README's table and counts
 * java attendfirst.run.VerdictTableMain compare --summary A --summary B [--label-a X] [--label-b Y]
 *                                                                      # both tables, agreement, straddling shares
 * </pre>
 */
public final class VerdictTableMain {

    static final String USAGE = "VerdictTableMain table --summary FILE | compare --summary A --summary B "
            + "[--label-a X] [--label-b Y]";
    private static final List<String> OPTIONS = List.of(ReportArgs.SUMMARY, "--label-a", "--label-b");

    private VerdictTableMain() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(render(args));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("verdict-table: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The table or comparison the arguments ask for; a bad argument is an error that says what is accepted. */
    static String render(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        int expected = switch (args[0]) {
            case "table" -> 1;
            case "compare" -> 2;
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'; usage: " + USAGE);
        };
        ReportArgs a = ReportArgs.parse(Arrays.copyOfRange(args, 1, args.length), OPTIONS, USAGE);
        List<Path> files = a.summaries();
        if (files.size() != expected) {
            throw new IllegalArgumentException(args[0] + " takes " + expected + " summary file(s), got " + files
                    + "; usage: " + USAGE);
        }
        List<SummaryFile> summaries = files.stream().map(SummaryFile::read).toList();
        return expected == 1 ? VerdictTable.markdown(summaries.get(0))
                : VerdictTable.compare(summaries.get(0), summaries.get(1), a.text("--label-a", "run A"),
                        a.text("--label-b", "run B"));
    }
}
