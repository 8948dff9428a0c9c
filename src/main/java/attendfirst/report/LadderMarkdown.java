package attendfirst.report;

/**
 * The ladder as Markdown for the README: the sentences, then one table row per point and the paper's numbers,
 * the same content as {@link LadderPage}.
 */
public final class LadderMarkdown {

    private LadderMarkdown() {
    }

    /** The Markdown into a file (written whole). */
    public static void write(java.nio.file.Path file, Ladder ladder, String figure) {
        AtomicFiles.write(file, render(ladder, figure));
    }

    public static String render(Ladder ladder, String figure) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | parameters | L | claim | task | verdict | k [95% interval] as judged | swept k "
                + "| fraction of depth [95% interval, lower end widened to the swept grid] |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Ladder.Point p : ladder.points()) {
            sb.append("| ").append(p.model()).append(" | ").append(ParameterCount.shortForm(p.parameters()))
                    .append(" | ").append(p.numLayers()).append(" | ").append(p.claim()).append(" | ").append(p.task())
                    .append(" | ").append(p.verdict()).append(" | ").append(p.layerText()).append(" | ")
                    .append(p.grid()).append(" | ").append(p.fractionText()).append(" |\n");
        }
        for (String family : ladder.points().stream().map(Ladder.Point::family).distinct().sorted().toList()) {
            for (PaperReference.Mark m : PaperReference.transitionMarks(family)) {
                Long n = ladder.paperParameters().get(m.model());
                sb.append("| ").append(m.model()).append(" (paper) | ")
                        .append(n == null ? "unknown" : ParameterCount.shortForm(n)).append(" | ")
                        .append(PaperReference.PAPER_LAYERS).append(" | ").append(m.label()).append(" | | | ")
                        .append(Math.round(m.at() * PaperReference.PAPER_LAYERS)).append(" of ")
                        .append(PaperReference.PAPER_LAYERS).append(" | as read off the paper | ").append(Ladder.f(m.at()))
                        .append(" |\n");
            }
            PaperReference.Range range = PaperReference.transitionRange(family);
            if (range != null && PaperReference.transitionMarks(family).isEmpty()) {
                sb.append("| the paper's 4 models | ").append(LadderPage.paperSizes(ladder)).append(" | ")
                        .append(PaperReference.PAPER_LAYERS).append(" | ").append(range.label()).append(" | | | | | ")
                        .append(Ladder.f(range.from())).append("–").append(Ladder.f(range.to())).append(" |\n");
            }
        }
        sb.append("\nWhat the points show (generated from the numbers above): ")
                .append(LadderFinding.headline(ladder)).append("\n\n");
        for (String s : LadderFinding.sentences(ladder)) {
            sb.append("- ").append(s).append('\n');
        }
        if (figure != null) {
            sb.append("\n![transition layer against model size](").append(figure).append(")\n");
        }
        return sb.toString();
    }
}
