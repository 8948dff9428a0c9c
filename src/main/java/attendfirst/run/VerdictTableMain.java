package attendfirst.run;

import attendfirst.report.SummaryFile;
import attendfirst.report.VerdictTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict tables of claims summaries as Markdown on stdout (scripts/verdict-table.sh):
 *
 * <pre>
 * java attendfirst.run.VerdictTableMain table SUMMARY                 # the README's table and counts
 * java attendfirst.run.VerdictTableMain compare A B [--label-a X] [--label-b Y]
 *                                                                     # both tables, agreement, straddling shares
 * </pre>
 */
public final class VerdictTableMain {

    static final String USAGE = "usage: VerdictTableMain table SUMMARY | compare A B [--label-a X] [--label-b Y]";

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
            throw new IllegalArgumentException(USAGE);
        }
        List<String> files = new ArrayList<>();
        String labelA = "run A";
        String labelB = "run B";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--label-a", "--label-b" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("option " + args[i] + " needs a value; " + USAGE);
                    }
                    if (args[i].equals("--label-a")) {
                        labelA = args[++i];
                    } else {
                        labelB = args[++i];
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                    }
                    files.add(args[i]);
                }
            }
        }
        int expected = switch (args[0]) {
            case "table" -> 1;
            case "compare" -> 2;
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'; " + USAGE);
        };
        if (files.size() != expected) {
            throw new IllegalArgumentException(args[0] + " takes " + expected + " summary file(s), got " + files
                    + "; " + USAGE);
        }
        List<SummaryFile> summaries = new ArrayList<>();
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("claims summary " + p + " does not exist");
            }
            summaries.add(SummaryFile.read(p));
        }
        return expected == 1 ? VerdictTable.markdown(summaries.get(0))
                : VerdictTable.compare(summaries.get(0), summaries.get(1), labelA, labelB);
    }
}
