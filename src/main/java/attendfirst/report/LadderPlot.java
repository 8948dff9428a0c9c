package attendfirst.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The ladder figure: the transition layer as a fraction of depth (y, with its 95% interval as a bar) against the
 * parameter count (x, log scale), one point per model and claim × task, the tasks of one model set slightly apart
 * so their bars do not hide each other. An interval unbounded above (the transition may lie past the last layer)
 * is drawn up to the model's last layer (1.0) with "▲ unbounded" above it; a transition not reached inside the
 * model sits at 1.0 labelled "not reached". The paper's 7B numbers are drawn beside them: the switch flips of
 * Mistral-7B, Llama2-7B and Yi-6B as open diamonds at their parameter counts, and the stretch of depth the paper
 * describes for random as a shaded box over its models' sizes. Okabe-Ito colours, one per claim × task.
 */
public final class LadderPlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final String Y_LABEL =
            "transition layer, fraction of depth k/L (bar: 95% interval, lower end at the swept grid)";
    static final String X_LABEL = "parameters (log scale)";
    private static final Color[] C3 = {Manipulations.BLUE, Manipulations.SKY_BLUE, Manipulations.BLUISH_GREEN,
        Manipulations.REDDISH_PURPLE, Manipulations.ORANGE};
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private LadderPlot() {
    }

    /** One colour per claim × task: the switch in vermillion, random's tasks in the blue-green end. */
    static Map<String, Color> colours(Ladder ladder) {
        Map<String, Color> out = new LinkedHashMap<>();
        int i = 0;
        for (Ladder.Point p : ladder.points().stream().sorted(java.util.Comparator.comparing(Ladder.Point::claim))
                .toList()) {
            if (!out.containsKey(p.series())) {
                out.put(p.series(), "switch".equals(p.family()) ? Manipulations.VERMILLION
                        : C3[i++ % C3.length]);
            }
        }
        return out;
    }

    /** Colour of a claim's paper reference. */
    static Color paperColour(String family) {
        return "switch".equals(family) ? Manipulations.VERMILLION : Manipulations.BLUE;
    }

    public static byte[] png(Ladder ladder, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart(ladder), width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the ladder figure", e);
        }
        return out.toByteArray();
    }

    /** The x of a point: its model's count, the model's series spread by a few percent around it. */
    static Map<Ladder.Point, Double> xs(Ladder ladder) {
        Map<Ladder.Point, Double> out = new LinkedHashMap<>();
        for (Ladder.Model m : ladder.models()) {
            List<Ladder.Point> own = ladder.points().stream().filter(p -> p.model().equals(m.model())).toList();
            for (int i = 0; i < own.size(); i++) {
                out.put(own.get(i), m.parameters() * Math.pow(1.07, i - (own.size() - 1) / 2.0));
            }
        }
        return out;
    }

    static JFreeChart chart(Ladder ladder) {
        Map<String, Color> colours = colours(ladder);
        Map<Ladder.Point, Double> xs = xs(ladder);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        List<String> order = new ArrayList<>(colours.keySet());
        for (String series : order) {
            YIntervalSeries ys = new YIntervalSeries(series);
            for (Ladder.Point p : ladder.points()) {
                if (p.series().equals(series)) {
                    double y = p.reached() ? p.point() : 1.0;
                    ys.add(xs.get(p), y, Math.min(p.lo(), 1.0), Math.min(p.hi(), 1.0));
                }
            }
            data.addSeries(ys);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(8);
        renderer.setErrorStroke(new BasicStroke(2.2f));
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < order.size(); i++) {
            Color c = colours.get(order.get(i));
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesLinesVisible(i, false);
            renderer.setSeriesShape(i, order.get(i).startsWith("C5") ? new Rectangle2D.Double(-5, -5, 10, 10)
                    : new Ellipse2D.Double(-5, -5, 10, 10));
        }

        List<Long> sizes = new ArrayList<>();
        ladder.models().forEach(m -> sizes.add(m.parameters()));
        sizes.addAll(ladder.paperParameters().values());
        double lo = sizes.stream().mapToLong(Long::longValue).min().orElse(100_000_000L) / 2.0;
        double hi = sizes.stream().mapToLong(Long::longValue).max().orElse(10_000_000_000L) * 3.5;
        LogAxis xAxis = new LogAxis(X_LABEL);
        xAxis.setBase(10);
        xAxis.setRange(lo, hi);
        xAxis.setNumberFormatOverride(new CountFormat());
        xAxis.setTickUnit(new NumberTickUnit(1.0));
        xAxis.setMinorTickMarksVisible(true);
        xAxis.setMinorTickCount(9);
        NumberAxis yAxis = new NumberAxis(Y_LABEL);
        yAxis.setRange(0.0, 1.12);
        yAxis.setTickUnit(new NumberTickUnit(0.1));
        XYPlot plot = ScorePlot.whitePlot(data, xAxis, yAxis, renderer);

        ValueMarker last = new ValueMarker(1.0, Manipulations.GREY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        last.setLabel("last layer (k/L = 1).  ▲ interval unbounded above (may lie past the last layer);  "
                + "✕ transition not reached inside the model");
        last.setLabelFont(SMALL);
        last.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        last.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        last.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(last);

        // the open ends and the unreached transitions, said in words above their bars
        for (Ladder.Point p : ladder.points()) {
            String word = !p.reached() ? "✕" : p.unbounded() ? "▲" : null;
            if (word != null) {
                XYTextAnnotation a = new XYTextAnnotation(word, xs.get(p), 1.005);
                a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                a.setPaint(colours.get(p.series()));
                a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(a);
            }
        }
        int row = 0;
        for (Ladder.Model m : ladder.models()) {
            // neighbours on a log axis sit close: names on alternating rows
            XYTextAnnotation a = new XYTextAnnotation(m.displayName() + " (L=" + m.numLayers() + ")",
                    m.parameters(), 0.02 + 0.045 * (row++ % 2));
            a.setFont(SMALL);
            a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addAnnotation(a);
        }

        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < order.size(); i++) {
            legend.add(new LegendItem(order.get(i) + " (ours)", null, null, null, renderer.getSeriesShape(i),
                    colours.get(order.get(i))));
        }
        paper(plot, ladder, legend);
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart("Transition layer against model size, with the paper's 7B models",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle lt = chart.getLegend();
        lt.setPosition(RectangleEdge.BOTTOM);
        lt.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    /** The paper's per-model marks as open diamonds, its described stretches as boxes over its models' sizes. */
    private static void paper(XYPlot plot, Ladder ladder, LegendItemCollection legend) {
        if (ladder.paperParameters().isEmpty()) {
            return;
        }
        List<String> families = ladder.points().stream().map(Ladder.Point::family).distinct().sorted().toList();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Shape diamond = new java.awt.geom.Path2D.Double(new java.awt.Polygon(new int[] {0, 7, 0, -7},
                new int[] {-7, 0, 7, 0}, 4));
        double minPaper = ladder.paperParameters().values().stream().mapToLong(Long::longValue).min().orElseThrow();
        double maxPaper = ladder.paperParameters().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        int i = 0;
        for (String family : families) {
            Color colour = paperColour(family);
            PaperReference.Range range = PaperReference.transitionRange(family);
            List<PaperReference.Mark> named = PaperReference.transitionMarks(family);
            if (range != null && named.isEmpty()) {
                // a described stretch, the same for all the paper's models
                XYBoxAnnotation box = new XYBoxAnnotation(minPaper / 1.12, range.from(), maxPaper * 1.12, range.to(),
                        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {6f, 4f}, 0f), colour, new Color(colour.getRed(), colour.getGreen(),
                        colour.getBlue(), 45));
                plot.getRenderer().addAnnotation(box, Layer.BACKGROUND);
                legend.add(new LegendItem(range.label(), null, null, null, new Rectangle2D.Double(-6, -6, 12, 12),
                        new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90)));
            }
            if (!named.isEmpty()) {
                XYSeries s = new XYSeries(family, false, true);
                for (PaperReference.Mark m : named) {
                    Long n = m.model() == null ? null : ladder.paperParameters().get(m.model());
                    if (n != null) {
                        s.add((double) n, m.at());
                        XYTextAnnotation a = new XYTextAnnotation(m.label().replace("paper: ", ""), n * 1.1, m.at());
                        a.setFont(SMALL);
                        a.setTextAnchor(TextAnchor.CENTER_LEFT);
                        plot.addAnnotation(a);
                    }
                }
                marks.addSeries(s);
                r.setSeriesPaint(i, colour);
                r.setSeriesShape(i, diamond);
                r.setSeriesShapesFilled(i, false);
                r.setSeriesStroke(i, new BasicStroke(2f));
                legend.add(new LegendItem((range == null ? "paper" : range.label()) + ", per model", null, null,
                        null, true, diamond, false, colour, true, colour, new BasicStroke(2f), false, diamond,
                        new BasicStroke(2f), colour));
                i++;
            }
        }
        plot.setDataset(1, marks);
        plot.setRenderer(1, r);
    }

    /** Tick labels as the model names write sizes: 100M, 1B, 10B. */
    private static final class CountFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(number >= 1e9 ? trim(number / 1e9) + "B" : trim(number / 1e6) + "M");
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null;
        }

        private static String trim(double x) {
            return x == Math.rint(x) ? Long.toString((long) x) : String.format(java.util.Locale.ROOT, "%.1f", x);
        }
    }
}
