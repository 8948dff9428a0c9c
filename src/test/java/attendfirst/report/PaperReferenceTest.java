package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.claim.Estimate;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The paper's references sit on the same k/L axis as our curves, whatever the model's depth. */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("claim report")
class PaperReferenceTest {

    private static final Estimate BASE = new Estimate(0.8, 0.7, 0.9);

    @Test
    void curvesOfModelsOfDifferentDepthsShareTheFractionAxisWithThePaper() {
        // GIVEN random curves of an 18-layer and a 30-layer model, both swept at half their depth
        ModelDigest.TaskDigest shallow = task(new int[] {0, 9, 17});
        ModelDigest.TaskDigest deep = task(new int[] {0, 15, 29});
        // WHEN their task figures are made
        XYPlot p18 = ScorePlot.chart(PaperFigures.task("a", 18, shallow)).getXYPlot();
        XYPlot p30 = ScorePlot.chart(PaperFigures.task("b", 30, deep)).getXYPlot();
        // THEN k=9 of 18 and k=15 of 30 both sit at x = 0.5, on an axis labelled k/L that spans [0, 1]
        assertThat(p18.getDataset(0).getXValue(0, 1)).isEqualTo(0.5);
        assertThat(p30.getDataset(0).getXValue(0, 1)).isEqualTo(0.5);
        assertThat(p18.getDomainAxis().getLabel()).startsWith("k / L");
        assertThat(p18.getDomainAxis().getLowerBound()).isLessThanOrEqualTo(0);
        assertThat(p18.getDomainAxis().getUpperBound()).isGreaterThanOrEqualTo(1);
        // AND the paper's "random ≈ baseline in the final 30-50%" runs from x=0.5 to 1 at the model's baseline,
        // its "early k to chance" is a point at x=0 at chance, for both depths alike
        for (XYPlot p : List.of(p18, p30)) {
            XYDataset refs = p.getDataset(1);
            int near = series(refs, "paper: random ≈ baseline");
            assertThat(refs.getXValue(near, 0)).isEqualTo(0.5);
            assertThat(refs.getXValue(near, 1)).isEqualTo(1.0);
            assertThat(refs.getYValue(near, 0)).isEqualTo(0.8);
            int early = series(refs, "paper: random at early k");
            assertThat(refs.getItemCount(early)).isEqualTo(1);
            assertThat(refs.getXValue(early, 0)).isEqualTo(0.0);
            assertThat(refs.getYValue(early, 0)).isEqualTo(0.1);
        }
    }

    @Test
    void switchReferencesAreThePapersLayersOver32() {
        // GIVEN switch shares of a 30-layer model
        int[] ks = {0, 10, 20, 29};
        Estimate[] e = {BASE, BASE, BASE, BASE};
        SwitchShares s = new SwitchShares("m", 30, 20, ks, e, e, e);
        // WHEN drawn against k/L
        XYPlot plot = ScorePlot.chart(PaperFigures.switchShares(s)).getXYPlot();
        XYDataset refs = plot.getDataset(1);
        // THEN conform ≈ 0.9 ends at 12/32, ignore ≈ 0.94 starts at 22/32, Llama2's read-off point is at 18/32
        int conform = series(refs, "paper: conform ≈ 0.9");
        assertThat(refs.getXValue(conform, 1)).isCloseTo(12 / 32.0, within(1e-12));
        assertThat(refs.getYValue(conform, 0)).isEqualTo(0.9);
        int ignore = series(refs, "paper: ignore ≈ 0.94");
        assertThat(refs.getXValue(ignore, 0)).isCloseTo(22 / 32.0, within(1e-12));
        assertThat(refs.getYValue(ignore, 0)).isEqualTo(0.94);
        int llama = series(refs, "paper Llama2-7B k=18: ignore");
        assertThat(refs.getXValue(llama, 0)).isCloseTo(18 / 32.0, within(1e-12));
        assertThat(refs.getYValue(llama, 0)).isEqualTo(0.66);
        // AND the flip layers 17, 18, 22 of 32 are vertical marks at those fractions
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).extracting(m -> ((ValueMarker) m)
                .getValue()).containsExactly(17 / 32.0, 18 / 32.0, 22 / 32.0);
        // AND our ignore share of k=20 of 30 is drawn at 20/30
        assertThat(plot.getDataset(0).getXValue(0, 2)).isCloseTo(20 / 30.0, within(1e-12));
    }

    @Test
    void heatMapMarksThePapersLayersScaledToTheModelsDepth() {
        // GIVEN a 36-layer model swept at k = 0, 9, 18, 27 (one row each)
        int[] ks = {0, 9, 18, 27};
        Estimate[] e = {BASE, BASE, BASE, BASE};
        JFreeChart chart = SwitchHeatMap.chart(new SwitchShares("m", 36, 20, ks, e, e, e));
        // THEN 12/32 and 22/32 of 36 layers (k = 13.5 and 24.75) are drawn on the boundary before the first row at
        // or above them: between k=9 and k=18 (1.5) and between k=18 and k=27 (2.5)
        assertThat(chart.getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
                .extracting(m -> ((ValueMarker) m).getValue()).containsExactly(1.5, 2.5);
        assertThat(((org.jfree.chart.axis.SymbolAxis) chart.getXYPlot().getRangeAxis()).getSymbols())
                .containsExactly("0", "9", "18", "27");
    }

    @Test
    void everyFamilyWithPaperNumbersNamesThem() {
        assertThat(PaperReference.numbersFor("switch")).contains("k=17").contains("18").contains("22")
                .contains("0.9").contains("0.94");
        assertThat(PaperReference.numbersFor("random")).contains("30–50%");
        assertThat(PaperReference.numbersFor("freeze")).contains("top half");
    }

    private static ModelDigest.TaskDigest task(int[] ks) {
        Estimate[] e = {new Estimate(0.1, 0.0, 0.2), new Estimate(0.5, 0.4, 0.6), new Estimate(0.8, 0.7, 0.9)};
        return new ModelDigest.TaskDigest("capitals", "exact", 0.1, BASE, List.of(new Curve("random", ks, e)));
    }

    private static int series(XYDataset d, String prefix) {
        for (int i = 0; i < d.getSeriesCount(); i++) {
            if (d.getSeriesKey(i).toString().startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no reference series starting with '" + prefix + "'");
    }
}
