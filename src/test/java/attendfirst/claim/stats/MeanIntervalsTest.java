package attendfirst.claim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Claim statistics")
class MeanIntervalsTest {

    @Test
    void clopperPearsonMatchesItsClosedFormsAtTheEdges() {
        // 0 of n: upper = 1 - (alpha/2)^(1/n); n of n: lower = (alpha/2)^(1/n)
        assertThat(MeanIntervals.clopperPearson(0, 30, 0.05)).containsExactly(new double[] {0, 1 - Math.pow(0.025, 1 / 30.0)},
                within(1e-9));
        assertThat(MeanIntervals.clopperPearson(4, 4, 0.05)).containsExactly(new double[] {Math.pow(0.025, 0.25), 1},
                within(1e-9));
    }

    @Test
    void clopperPearsonOfFiveOfTwentyIsTheTabulatedInterval() {
        // 5/20 at 95%: [0.0866, 0.4910] (exact binomial tables)
        assertThat(MeanIntervals.clopperPearson(5, 20, 0.05)).containsExactly(new double[] {0.0866, 0.4910},
                within(1e-4));
    }

    @Test
    void pairedDifferenceWithNoDiscordantPairsStillHasWidth() {
        // GIVEN 30 pairs all concordant (difference 0): Agresti-Min adds half a pair to each cell of the 2x2 table
        double[] zeros = new double[30];
        double[] corners = {0, 1, -1, 0};
        double[] i = MeanIntervals.adjustedT(zeros, corners, 0.05, -1, 1);
        // THEN centre 0, variance (0.5 + 0.5) / 32 / 32 of the augmented sample: half-width t(29) / 32
        assertThat(i[0]).isCloseTo(-MeanIntervals.tQuantile(29, 0.05) / 32, within(1e-12));
        assertThat(i[1]).isCloseTo(MeanIntervals.tQuantile(29, 0.05) / 32, within(1e-12));
    }

    @Test
    void tQuantileIsStudentsT() {
        assertThat(MeanIntervals.tQuantile(3, 0.05)).isCloseTo(3.182446, within(1e-6));
        assertThat(MeanIntervals.tQuantile(1000, 0.05)).isCloseTo(1.962339, within(1e-5));
    }
}
