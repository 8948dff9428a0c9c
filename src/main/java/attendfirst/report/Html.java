package attendfirst.report;

/** The little HTML the report pages need: escaping and one shared style sheet. */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Verdict colours from the Okabe-Ito palette, lightened for a cell background; the verdict is also written
     * out in the cell, so colour is never the only carrier.
     */
    static final String STYLE = """
            body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 16px 20px;
                   color: #1b1b1b; font-size: 14px; }
            h1 { font-size: 21px; margin: 0 0 4px 0; } h2 { font-size: 17px; margin: 22px 0 6px 0; }
            .sub { color: #555; margin: 0 0 10px 0; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #c9c9c9; padding: 4px 6px; vertical-align: top; }
            th { background: #f3f3f3; text-align: left; font-weight: 600; }
            table.matrix td.cell { font-size: 12px; min-width: 92px; max-width: 150px; }
            table.matrix td.cell a { color: inherit; text-decoration: none; display: block; }
            table.matrix td.cell a:hover { text-decoration: underline; }
            .v { font-weight: 700; letter-spacing: .02em; }
            .HOLDS { background: #cdeee2; } .HOLDS .v { color: #00654a; }
            .REFUTED { background: #f8d6c1; } .REFUTED .v { color: #9c3f00; }
            .INCONCLUSIVE { background: #fbf6c7; } .INCONCLUSIVE .v { color: #6d6400; }
            .none { background: #f6f6f6; color: #999; text-align: center; }
            tr.family th { background: #e4e9f0; font-size: 13px; }
            tr.family .paperline { font-weight: normal; font-style: italic; color: #333; margin-left: 8px; }
            td.claim { max-width: 260px; } td.claim .id { font-weight: 700; }
            td.paper { min-width: 180px; max-width: 260px; font-size: 12px; color: #333; }
            td.claim { min-width: 130px; }
            td.claim .rule { font-size: 11px; }
            .num { font-variant-numeric: tabular-nums; }
            .bound { color: #555; }
            .changed { outline: 3px solid #0072B2; outline-offset: -3px; }
            .badge { display: inline-block; font-size: 11px; background: #0072B2; color: white; border-radius: 3px;
                     padding: 0 4px; margin-top: 2px; }
            .legend span { display: inline-block; padding: 1px 6px; margin-right: 4px; border: 1px solid #c9c9c9;
                           font-size: 12px; }
            .nav a { margin-right: 14px; }
            figure { display: inline-block; margin: 6px 10px 10px 0; vertical-align: top; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 12px; color: #444; max-width: 900px; }
            .muted { color: #777; }
            """;

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    static String tail() {
        return "</body>\n</html>\n";
    }
}
