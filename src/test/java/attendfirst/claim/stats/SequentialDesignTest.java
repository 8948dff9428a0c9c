package attendfirst.claim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Claim statistics")
class SequentialDesignTest {

    @Test
    void everyLookSpendsAnEqualShareOfAlphaAndNoMoreLooksAreAllowed() {
        SequentialDesign d = new SequentialDesign(0.05, 4);
        assertThat(d.lookAlpha(1)).isCloseTo(0.0125, within(1e-15));
        assertThat(d.lookAlpha(4)).isCloseTo(0.0125, within(1e-15));
        assertThatThrownBy(() -> d.lookAlpha(5)).hasMessageContaining("look 5 outside 1..4");
        assertThat(d.schedule(30)).containsExactly(8, 15, 23, 30);
        assertThat(d.stops(false, 2, 15, 30)).isFalse();
        assertThat(d.stops(true, 2, 15, 30)).isTrue();
        assertThat(d.stops(false, 4, 30, 30)).isTrue();
    }

    @Test
    void stoppingAtTheFirstExcludingLookKeepsTheErrorBelowAlpha() {
        // GIVEN a true share of 0.5 on binary examples, looked at after 8, 15, 23 and 30 examples; a wrong
        // decision is any look whose interval excludes 0.5 (what stopping at a decided verdict would report)
        SequentialDesign design = new SequentialDesign(0.05, 4);
        SplittableRandom rng = new SplittableRandom(3);
        int reps = 4000;
        int wrongSpent = 0;
        int wrongNaive = 0;
        for (int r = 0; r < reps; r++) {
            double[] x = new double[30];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() < 0.5 ? 1 : 0;
            }
            boolean spent = false;
            boolean naive = false;
            int look = 0;
            for (int n : design.schedule(30)) {
                look++;
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i];
                }
                spent |= excludes(MeanIntervals.clopperPearson(s, n, design.lookAlpha(look)), 0.5);
                naive |= excludes(MeanIntervals.clopperPearson(s, n, 0.05), 0.5);
            }
            wrongSpent += spent ? 1 : 0;
            wrongNaive += naive ? 1 : 0;
        }
        // THEN alpha / looks per look keeps the error under 0.05; alpha at every look does not do as well
        assertThat(wrongSpent / (double) reps).isLessThanOrEqualTo(0.05);
        assertThat(wrongNaive / (double) reps).isGreaterThan(wrongSpent / (double) reps);
    }

    private static boolean excludes(double[] interval, double truth) {
        return truth < interval[0] || truth > interval[1];
    }
}
