package attendfirst.report;

import attendfirst.claim.Estimate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
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
 * A score (or share) against k/L, the fraction of depth whose input is manipulated, so that models of different
 * depths share one x axis with the paper's 32-layer models. Every series is a line with its pointwise interval
 * as a shaded band; the model's baseline (with its interval) and chance are horizontal lines; the claim's band
 * of k is shaded; the paper's references are dashed lines or open markers in the colour of the series they
 * describe, listed in the legend. Rendered headless to PNG bytes with JFreeChart.
 */
public final class ScorePlot {

    static {
        // plots are drawn on CI machines without a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** X-axis label shared by every figure in fractions of depth. */
    public static final String X_LABEL = "k / L  (fraction of depth: input of layer k manipulated)";

    /** One line with its interval band; x in fractions of depth. */
    public record Series(String label, Color colour, double[] x, Estimate[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + label + ": " + x.length + " x but " + y.length + " y");
            }
        }

        /** A curve of a model with {@code numLayers} layers, k mapped to k/L. */
        public static Series of(Curve c, int numLayers, Color colour) {
            double[] x = new double[c.ks().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = c.ks()[i] / (double) numLayers;
            }
            return new Series(c.label(), colour, x, c.estimates());
        }
    }

    /**
     * @param baseline  the model's clean score, drawn with its interval; null for none
     * @param chance    chance score; NaN for none
     * @param band      the claim's band as {from, to} fractions; null for none
     * @param refY      y of the paper's BASELINE and CHANCE levels: {baseline, chance}; null to use baseline
     *                  and chance above
     */
    public record Spec(String title, String yLabel, double yMax, List<Series> series, Estimate baseline,
                       double chance, double[] band, String bandLabel, List<PaperReference.Line> references,
                       List<PaperReference.Mark> marks, double[] refY) {
    }

    private ScorePlot() {
    }

    /** A score plot of one (model, task): curves against k/L with baseline, chance, band and the paper. */
    public static Spec scoreSpec(String title, int numLayers, List<Curve> curves, Estimate baseline, double chance,
                                 double[] band, String bandLabel, List<PaperReference.Line> references) {
        List<Series> series = curves.stream().map(c -> Series.of(c, numLayers, Manipulations.colour(c.label())))
                .toList();
        return new Spec(title, "score (mean over examples and seeds, 95% CI band)", 1.0, series, baseline, chance,
                band, bandLabel, references, List.of(), null);
    }

    public static byte[] png(Spec spec, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart(spec), width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + spec.title(), e);
        }
        return out.toByteArray();
    }

    /** The chart: dataset 0 our series with intervals, dataset 1 the paper's references. */
    static JFreeChart chart(Spec spec) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Series s : spec.series()) {
            YIntervalSeries ys = new YIntervalSeries(s.label());
            for (int i = 0; i < s.x().length; i++) {
                Estimate e = s.y()[i];
                ys.add(s.x()[i], e.point(), e.lower(), e.upper());
            }
            data.addSeries(ys);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.2f);
        for (int i = 0; i < spec.series().size(); i++) {
            Color colour = spec.series().get(i).colour();
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesFillPaint(i, colour);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis xAxis = new NumberAxis(X_LABEL);
        xAxis.setRange(-0.02, 1.02);
        xAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        NumberAxis yAxis = new NumberAxis(spec.yLabel());
        yAxis.setRange(-0.02, spec.yMax() + 0.02);
        XYPlot plot = ScorePlot.whitePlot(data, xAxis, yAxis, renderer);
        double refBaseline = spec.refY() != null ? spec.refY()[0] : spec.baseline() != null ? spec.baseline().point()
                : Double.NaN;
        double refChance = spec.refY() != null ? spec.refY()[1] : spec.chance();
        if (spec.baseline() != null) {
            IntervalMarker ci = new IntervalMarker(spec.baseline().lower(), spec.baseline().upper());
            ci.setPaint(new Color(0, 0, 0, 22));
            plot.addRangeMarker(ci, Layer.BACKGROUND);
            ValueMarker b = line(spec.baseline().point(), Color.BLACK,
                    String.format("baseline %.2f [%.2f, %.2f]", spec.baseline().point(), spec.baseline().lower(),
                            spec.baseline().upper()), new float[] {1f, 0f});
            // the label under the line, so a baseline of 1.0 does not push it out of the plot
            b.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(b);
        }
        if (!Double.isNaN(spec.chance())) {
            plot.addRangeMarker(line(spec.chance(), Manipulations.GREY, String.format("chance %.3f", spec.chance()),
                    new float[] {2f, 3f}));
        }
        if (spec.band() != null) {
            IntervalMarker claimBand = new IntervalMarker(spec.band()[0], spec.band()[1]);
            claimBand.setPaint(new Color(0xF0E442));
            claimBand.setAlpha(0.25f);
            claimBand.setLabel(spec.bandLabel() == null ? "claim's band" : "claim: " + spec.bandLabel());
            claimBand.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            claimBand.setLabelAnchor(RectangleAnchor.TOP);
            claimBand.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(claimBand, Layer.BACKGROUND);
        }
        int row = 0;
        for (PaperReference.Mark m : spec.marks()) {
            ValueMarker v = new ValueMarker(m.at(), Manipulations.GREY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            v.setLabel(m.label());
            v.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            v.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            // marks close together (the paper's flips at 17 and 18 of 32): labels on staggered rows
            v.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            v.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            v.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(0, 2, 8 + 16 * row++, 2));
            plot.addDomainMarker(v);
        }
        addReferences(plot, spec.references(), refBaseline, refChance);
        JFreeChart chart = new JFreeChart(spec.title(), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    /**
     * The paper's references as a second dataset: a stretch is a dashed line from (from, y) to (to, y), a read-off
     * point an open diamond; both in the colour of the series they describe. A reference whose level is not
     * known for this plot (a baseline reference without a baseline) is left out.
     */
    private static void addReferences(XYPlot plot, List<PaperReference.Line> refs, double baseline, double chance) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int i = 0;
        for (PaperReference.Line ref : refs) {
            double y = ref.y(baseline, chance);
            if (Double.isNaN(y)) {
                continue;
            }
            XYSeries s = new XYSeries(ref.label(), false, true);
            s.add(ref.from(), y);
            if (!ref.isPoint()) {
                s.add(ref.to(), y);
            }
            lines.addSeries(s);
            Color colour = Manipulations.colour(ref.series());
            r.setSeriesPaint(i, colour);
            r.setSeriesLinesVisible(i, !ref.isPoint());
            r.setSeriesShapesVisible(i, ref.isPoint());
            r.setSeriesShapesFilled(i, false);
            r.setSeriesShape(i, new java.awt.geom.Path2D.Double(new java.awt.Polygon(new int[] {0, 7, 0, -7},
                    new int[] {-7, 0, 7, 0}, 4)));
            r.setSeriesStroke(i, new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {9f, 6f}, 0f));
            i++;
        }
        plot.setDataset(1, lines);
        plot.setRenderer(1, r);
    }

    private static ValueMarker line(double y, Color color, String label, float[] dash) {
        ValueMarker m = new ValueMarker(y, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, dash, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }

    /** The report's plot style: 13-point sans axis labels, white background, light grey grid lines. */
    static XYPlot whitePlot(org.jfree.data.xy.XYDataset data, org.jfree.chart.axis.ValueAxis xAxis,
                            org.jfree.chart.axis.ValueAxis yAxis, org.jfree.chart.renderer.xy.XYItemRenderer renderer) {
        Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        xAxis.setLabelFont(axisFont);
        yAxis.setLabelFont(axisFont);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        return plot;
    }
}
