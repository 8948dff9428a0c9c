package attendfirst.run;

import attendfirst.report.ClaimReport;
import attendfirst.report.ReportLinks;
import java.util.List;

/**
 * Entry point of the claim pages (scripts/allure-report.sh runs it after "allure generate"): builds
 * {@link ClaimReport}'s inputs from the command line ({@link ReportArgs}).
 *
 * <pre>
 * java attendfirst.run.ClaimReportMain --report allure-report.partial --summary target/claims-summary.json
 *      [--summary other-runner/claims-summary.json ...] [--expectations fixtures/expectations/main]
 *      [--baseline-summary docs/claims-summary.json] [--previous allure-results/history]
 *      [--models fixtures/models] [--catalogue fixtures/claims/catalogue.json]
 * </pre>
 */
public final class ClaimReportMain {

    private static final List<String> OPTIONS = List.of("--report", ReportArgs.SUMMARY, "--expectations",
            "--baseline-summary", "--previous", "--models", "--catalogue");

    private ClaimReportMain() {
    }

    public static void main(String[] args) {
        ClaimReport.Options o = options(args);
        ClaimReport.build(o);
        System.out.println("ClaimReport: front page " + o.report().resolve(ReportLinks.FRONT_PAGE));
    }

    /** The report's inputs from the command line; throws naming a wrong option. */
    public static ClaimReport.Options options(String[] args) {
        ReportArgs a = ReportArgs.parse(args, OPTIONS, "ClaimReportMain --report DIR --summary FILE [--summary FILE"
                + " ...] [--expectations DIR] [--baseline-summary FILE] [--previous DIR] [--models DIR] [--catalogue FILE]");
        if (a.path("--report", null) == null) {
            throw new IllegalArgumentException("ClaimReportMain needs --report DIR (the folder allure generate wrote)");
        }
        return new ClaimReport.Options(a.path("--report", null), a.summaries(), a.path("--expectations", null),
                a.path("--baseline-summary", null), a.path("--previous", null), a.path("--models", null),
                a.path("--catalogue", null));
    }
}
