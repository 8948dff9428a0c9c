package attendfirst.report;

import static attendfirst.report.Html.esc;

import attendfirst.fixture.ModelFixture;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model's page: the model card (where the weights come from, their revision and SHA-256, depth, compute dtype
 * and device), its clean score on every task with interval and chance level, one figure per task with every
 * manipulation against k/L and the paper's references (the paper's figure layout), the switch heat map and
 * shares, and the model's verdicts with links to their Allure cases.
 */
public final class ModelPage {

    /**
     * @param digest  the run's digest of the model; null when its summary had none (older runs)
     * @param fixture the committed fixture; null when the repository has none of that name
     * @param figures figure file names relative to the page, by task (and "switch", "switch-shares")
     */
    public record Input(String model, ModelDigest digest, ModelFixture fixture, List<JudgedCell> cells,
                        AllureCases cases, Map<String, String> figures) {
    }

    private ModelPage() {
    }

    public static String html(Input in) {
        StringBuilder sb = new StringBuilder(Html.head(in.model() + ": claims report"));
        sb.append("<p class=\"nav\"><a href=\"../").append(ReportLinks.FRONT_PAGE).append("\">← claims × models</a>")
                .append("<a href=\"../").append(LadderPage.PAGE).append("\">model ladder</a>")
                .append("<a href=\"../").append(ReportLinks.ALLURE_PAGE).append("\">Allure report</a></p>\n");
        sb.append("<h1>").append(esc(in.model()));
        if (in.fixture() != null) {
            sb.append(" <span class=\"muted\">").append(esc(in.fixture().displayName())).append("</span>");
        }
        sb.append("</h1>\n");
        card(sb, in);
        scores(sb, in);
        sb.append("<h2>Score against depth, per task</h2>\n<p class=\"sub\">Every manipulation on one axis, k/L; "
                + "bands are pointwise 95% intervals; black line: clean score (baseline) with its interval shaded; "
                + "dotted grey: chance; dashed lines and diamonds: the paper's references.</p>\n");
        if (in.digest() == null) {
            sb.append("<p class=\"muted\">This model's summary has no curves (written before summaries carried "
                    + "them); the plots are attached to each case in Allure.</p>\n");
        }
        for (Map.Entry<String, String> f : in.figures().entrySet()) {
            if (f.getKey().startsWith("switch")) {
                continue;
            }
            sb.append("<figure><img src=\"").append(esc(f.getValue())).append("\" width=\"900\" alt=\"")
                    .append(esc(in.model() + " " + f.getKey())).append("\"><figcaption>").append(esc(f.getKey()))
                    .append("</figcaption></figure>\n");
        }
        if (in.figures().containsKey("switch")) {
            sb.append("<h2>Switch (information injection)</h2>\n<p class=\"sub\">")
                    .append(esc(PaperReference.numbersFor("switch"))).append("</p>\n");
            sb.append("<figure><img src=\"").append(esc(in.figures().get("switch")))
                    .append("\" width=\"620\" alt=\"switch heat map\"><figcaption>heat map in the paper's layout"
                            + "</figcaption></figure>\n");
            if (in.figures().containsKey("switch-shares")) {
                sb.append("<figure><img src=\"").append(esc(in.figures().get("switch-shares")))
                        .append("\" width=\"760\" alt=\"switch shares\"><figcaption>the same shares against k/L with "
                                + "the paper's numbers</figcaption></figure>\n");
            }
        }
        verdicts(sb, in);
        return sb.append(Html.tail()).toString();
    }

    private static void card(StringBuilder sb, Input in) {
        sb.append("<h2>Model card</h2>\n<table class=\"card\">\n");
        ModelFixture f = in.fixture();
        ModelDigest d = in.digest();
        int layers = d != null ? d.numLayers() : in.cells().isEmpty() ? -1 : in.cells().get(0).numLayers();
        if (f != null) {
            row(sb, "architecture", f.architecture());
            row(sb, "source", source(f.source()));
            row(sb, "revision", f.revision());
            if (f.files() != null) {
                f.files().forEach((file, sha) -> row(sb, "SHA-256 pinned: " + file, sha == null ? "not pinned" : sha));
            }
            row(sb, "license", f.license());
        } else {
            row(sb, "source", "no fixtures/models/" + in.model() + ".json in this repository");
        }
        if (d != null && !d.files().isEmpty()) {
            d.files().forEach((file, sha) -> {
                String pinned = f == null || f.files() == null ? null : f.files().get(file);
                String check = pinned == null ? "" : pinned.equalsIgnoreCase(sha) ? " (matches the pin)"
                        : " (DIFFERS from the pin)";
                row(sb, "SHA-256 loaded: " + file, sha + check);
            });
        }
        row(sb, "layers (L)", layers < 0 ? "unknown" : Integer.toString(layers));
        if (d != null && d.parameters() != null) {
            row(sb, "parameters", String.format(Locale.ROOT, "%,d (%s; from the configuration)", d.parameters(),
                    ParameterCount.shortForm(d.parameters())));
        }
        row(sb, "dtype", d != null && d.dtype() != null ? d.dtype() : f != null ? "cpu " + f.cpuDtype() + ", gpu "
                + f.gpuDtype() + " (the run did not record which)" : "unknown");
        row(sb, "device", d != null && d.device() != null ? d.device() : "not recorded by the run");
        if (d != null && d.engine() != null) {
            row(sb, "engine", d.engine());
        }
        sb.append("</table>\n");
    }

    private static String source(ModelFixture.Source s) {
        if (s == null) {
            return "";
        }
        return switch (s.type()) {
            case "hub" -> "Hugging Face Hub " + s.repo() + (s.hubRevision() == null ? "" : " @ " + s.hubRevision());
            case "hf-dir" -> "local HF directory " + s.dir();
            default -> "GGUF file " + s.file() + (s.pypiPackages() == null || s.pypiPackages().isEmpty() ? ""
                    : " from PyPI " + String.join(", ", s.pypiPackages()));
        };
    }

    private static void scores(StringBuilder sb, Input in) {
        sb.append("<h2>Clean scores</h2>\n");
        if (in.digest() == null) {
            sb.append("<p class=\"muted\">not in this model's summary</p>\n");
            return;
        }
        sb.append("<table><tr><th>task</th><th>metric</th><th>baseline (95% CI)</th><th>chance</th>"
                + "<th>manipulations swept</th></tr>\n");
        for (ModelDigest.TaskDigest t : in.digest().tasks()) {
            sb.append("<tr><td>").append(esc(t.task())).append("</td><td>").append(esc(t.metric()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
                            t.baseline().point(), t.baseline().lower(), t.baseline().upper()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.3f", t.chance()))
                    .append("</td><td>").append(esc(String.join(", ", t.curves().stream().map(Curve::label).toList())))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void verdicts(StringBuilder sb, Input in) {
        sb.append("<h2>Verdicts</h2>\n<table><tr><th>claim</th><th>task</th><th>verdict</th><th>decisive number</th>"
                + "</tr>\n");
        for (JudgedCell c : in.cells()) {
            String uid = in.cases().uid(c);
            sb.append("<tr><td>").append(esc(c.claim() + " " + c.title())).append("</td><td>").append(esc(c.task()))
                    .append("</td><td class=\"").append(c.verdict()).append("\">");
            if (uid != null) {
                sb.append("<a href=\"").append(esc(ReportLinks.testResult("../", uid))).append("\">")
                        .append(c.verdict()).append("</a>");
            } else {
                sb.append(c.verdict());
            }
            sb.append("</td><td class=\"num\">").append(esc(c.numbers())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }
}
