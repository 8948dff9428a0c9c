package attendfirst.report;

/**
 * How the pages of the generated report point at each other. The report folder holds the claim matrix as its
 * front page (index.html), Allure's own single-page app renamed to allure.html beside it (its data/ stays where
 * Allure wrote it), and one page per model under models/. Allure 2 addresses a test case page by the uid it gives
 * the case in data/test-cases/&lt;uid&gt;.json at generation time (route {@code #testresult/<uid>}), so links to
 * cases can only be made after "allure generate" (see {@link AllureCases}).
 */
public final class ReportLinks {

    /** The front page, relative to the report folder (and to allure.html, which sits beside it). */
    public static final String FRONT_PAGE = "index.html";
    /** Allure's app after {@link ClaimReport} moved it aside. */
    public static final String ALLURE_PAGE = "allure.html";

    private ReportLinks() {
    }

    /** Link from the front page (or a model page one folder down: prefix "../") to one case's Allure page. */
    public static String testResult(String prefix, String uid) {
        return prefix + ALLURE_PAGE + "#testresult/" + uid;
    }

    public static String modelPage(String model) {
        return "models/" + slug(model) + ".html";
    }

    /**
     * The name of a run's summary copy in the Allure results folder, claims-summary-&lt;models&gt;.json: unique per
     * set of models, so that results folders of runners that ran different models merge without clashing, and a
     * re-run of the same models replaces its earlier copy.
     */
    public static String summaryFileName(java.util.List<String> models) {
        return "claims-summary-" + slug(String.join("+", models.stream().sorted().toList())) + ".json";
    }

    /** A file-name-safe form of a model or task name. */
    public static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /**
     * The line every claim case puts at the end of its Allure description (Markdown, which Allure 2 renders):
     * a link back to the front page, relative to allure.html.
     */
    public static String descriptionMarkdown(String model) {
        return "[Claims × models matrix](" + FRONT_PAGE + ") · [model page: " + model + "](" + modelPage(model) + ")";
    }
}
