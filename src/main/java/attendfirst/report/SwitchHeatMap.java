package attendfirst.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The switch heat map in the layout of the paper's figure: one row per swept k (0 at the top), one column per
 * outcome (original answer kept = ignored, injected country's capital = conformed, something else), each cell
 * coloured by the share of pairs and printed with it. The colour scale is viridis (dark = 0, light = 1), which
 * is readable in grey and under colour blindness. The paper's layers, scaled to this model's depth, are dashed
 * lines: above k = 12/32 L the paper's models conform for ~0.9 of pairs, from k = 22/32 L they ignore for ~0.94.
 * Drawn with JFreeChart's block renderer and paint-scale legend.
 */
public final class SwitchHeatMap {

    static final String[] COLUMNS = {"Original kept (ignored)", "Modified (conformed)", "Other"};
    // viridis at 0, 0.25, 0.5, 0.75, 1
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
        new Color(0x5EC962), new Color(0xFDE725)};

    /** Linear interpolation through the viridis anchors, as JFreeChart's PaintScale. */
    static final PaintScale SCALE = new PaintScale() {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            return colour(value);
        }
    };

    private SwitchHeatMap() {
    }

    public static byte[] png(SwitchShares s) {
        int height = Math.max(420, 120 + 22 * s.ks().length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart(s), 760, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode switch heat map of " + s.model(), e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(SwitchShares s) {
        int n = s.ks().length;
        // one row per swept k, as in the paper's figure: rows are categories, so a plan that sweeps every
        // second or third layer has no gaps
        double[][] series = new double[3][3 * n];
        String[] rowLabels = new String[n];
        for (int r = 0; r < n; r++) {
            rowLabels[r] = Integer.toString(s.ks()[r]);
            double[] shares = {s.ignored()[r].point(), s.conformed()[r].point(), s.other()[r].point()};
            for (int c = 0; c < 3; c++) {
                series[0][3 * r + c] = c;
                series[1][3 * r + c] = r;
                series[2][3 * r + c] = shares[c];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of pairs", series);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(SCALE);
        SymbolAxis outcome = new SymbolAxis("outcome of the switch", COLUMNS);
        outcome.setGridBandsVisible(false);
        outcome.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        SymbolAxis kAxis = new SymbolAxis("k (input of layer k replaced), L="
                + s.numLayers(), rowLabels);
        kAxis.setGridBandsVisible(false);
        kAxis.setInverted(true);
        kAxis.setRange(-0.5, n - 0.5);
        XYPlot plot = new XYPlot(data, outcome, kAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Font cellFont = new Font(Font.SANS_SERIF, Font.BOLD, n > 24 ? 9 : 11);
        for (int i = 0; i < 3 * n; i++) {
            double share = series[2][i];
            XYTextAnnotation a = new XYTextAnnotation(String.format("%.2f", share), series[0][i], series[1][i]);
            a.setFont(cellFont);
            a.setPaint(share > 0.6 ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(a);
        }
        double conformEnd = 12.0 / PaperReference.PAPER_LAYERS * s.numLayers();
        double ignoreFrom = 22.0 / PaperReference.PAPER_LAYERS * s.numLayers();
        plot.addRangeMarker(paperLine(rowBoundary(s.ks(), conformEnd), String.format(
                "paper: conform ≈ 0.9 above k = 12/32 L = %.1f", conformEnd)));
        plot.addRangeMarker(paperLine(rowBoundary(s.ks(), ignoreFrom), String.format(
                "paper: ignore ≈ 0.94 from k = 22/32 L = %.1f", ignoreFrom)));
        JFreeChart chart = new JFreeChart(s.model() + ": switch, share of " + s.pairs() + " pairs",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis scaleAxis = new NumberAxis("share of pairs");
        scaleAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(SCALE, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(16);
        chart.addSubtitle(legend);
        return chart;
    }

    /** The y between the last row below layer {@code k} and the first row at or above it. */
    static double rowBoundary(int[] ks, double k) {
        for (int r = 0; r < ks.length; r++) {
            if (ks[r] >= k) {
                return r - 0.5;
            }
        }
        return ks.length - 0.5;
    }

    private static ValueMarker paperLine(double k, String label) {
        ValueMarker m = new ValueMarker(k, Color.WHITE, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelPaint(Color.WHITE);
        m.setLabelBackgroundColor(new Color(0, 0, 0, 160));
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    /** Piecewise-linear viridis over [0,1]. */
    static Color colour(double share) {
        double x = Math.max(0, Math.min(1, share)) * (VIRIDIS.length - 1);
        int i = Math.min((int) Math.floor(x), VIRIDIS.length - 2);
        double t = x - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
