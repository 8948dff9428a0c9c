package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayerRangeTest {

    private static LayerRange band(double from, double to) {
        return new LayerRange(from, to, "band", "ours", "test");
    }

    @Test
    void topFortyPercentRoundsUpTheFirstLayer() {
        // GIVEN "top 40%"  WHEN applied to 30 and 18 layers  THEN ceil(0.6 L) is the first k, L-1 the last
        assertThat(band(0.6, 1).allKs(30)).containsExactly(18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
        assertThat(band(0.6, 1).allKs(18)).containsExactly(11, 12, 13, 14, 15, 16, 17);
    }

    @Test
    void bottomQuarterEndsBeforeCeilOfAQuarter() {
        assertThat(band(0, 0.25).allKs(30)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(band(0, 0.25).allKs(32)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void topThirdOf32LayersStartsAtTheSwitchFiguresK22() {
        assertThat(band(LayerRange.parseFraction("2/3", "test"), 1).firstK(32)).isEqualTo(22);
        assertThat(band(LayerRange.parseFraction("2/3", "test"), 1).firstK(30)).isEqualTo(20);
    }

    @Test
    void kEqualToTheDepthIsNeverInsideABand() {
        assertThat(band(0, 1).sweptKs(30, new int[] {0, 15, 29, 30})).containsExactly(0, 15, 29);
    }

    @Test
    void onlySweptLayersAreJudged() {
        assertThat(band(0.6, 1).sweptKs(30, new int[] {0, 10, 18, 20, 30})).containsExactly(18, 20);
        assertThat(band(0.6, 1).describe(30)).isEqualTo("band = k 18..29 of L=30");
    }

    @Test
    void badFractionsNameWhereTheyCameFrom() {
        assertThatThrownBy(() -> LayerRange.parseFraction("two thirds", "catalogue.json: claim C5: field from"))
                .hasMessageContaining("catalogue.json: claim C5: field from").hasMessageContaining("'two thirds'");
        assertThatThrownBy(() -> LayerRange.parseFraction("3/2", "f")).hasMessageContaining("outside [0,1]");
        assertThatThrownBy(() -> band(0.7, 0.6)).hasMessageContaining("from < to");
    }
}
