package attendfirst.report;

import attendfirst.claim.Estimate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Score against k for one (model, task): every manipulation's curve with its CI band, the baseline and chance
 * as horizontal lines, and the claim's band of k shaded. Rendered headless to PNG bytes.
 */
public final class ScorePlot {

    static {
        // plots are drawn on CI machines without a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color[] PALETTE = {
        new Color(0xC0392B), new Color(0x2471A3), new Color(0x27AE60), new Color(0x8E44AD), new Color(0xD68910)};

    private ScorePlot() {
    }

    /**
     * @param firstK first k of the claim's band (shaded), or -1 for none
     * @param endK   one past its last k
     */
    public static byte[] png(String title, List<Curve> curves, Estimate baseline, double chance, int firstK,
                             int endK, int width, int height) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Curve c : curves) {
            YIntervalSeries s = new YIntervalSeries(c.label());
            for (int i = 0; i < c.ks().length; i++) {
                Estimate e = c.estimates()[i];
                s.add(c.ks()[i], e.point(), e.lower(), e.upper());
            }
            data.addSeries(s);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < curves.size(); i++) {
            Color color = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis kAxis = new NumberAxis("k (layer whose input is manipulated)");
        kAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis scoreAxis = new NumberAxis("score");
        scoreAxis.setRange(-0.02, 1.02);
        XYPlot plot = new XYPlot(data, kAxis, scoreAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        if (baseline != null) {
            IntervalMarker band = new IntervalMarker(baseline.lower(), baseline.upper());
            band.setPaint(new Color(0, 0, 0, 25));
            plot.addRangeMarker(band, Layer.BACKGROUND);
            plot.addRangeMarker(line(baseline.point(), Color.BLACK, String.format("baseline %.2f", baseline.point())));
        }
        if (!Double.isNaN(chance)) {
            plot.addRangeMarker(line(chance, Color.GRAY, String.format("chance %.2f", chance)));
        }
        if (firstK >= 0 && endK > firstK) {
            IntervalMarker claimBand = new IntervalMarker(firstK - 0.5, endK - 0.5);
            claimBand.setPaint(new Color(255, 230, 120, 70));
            claimBand.setLabel("claim's k");
            claimBand.setLabelAnchor(RectangleAnchor.TOP);
            claimBand.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(claimBand, Layer.BACKGROUND);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + title, e);
        }
        return out.toByteArray();
    }

    private static ValueMarker line(double y, Color color, String label) {
        ValueMarker m = new ValueMarker(y, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }
}
