package attendfirst.report;

import attendfirst.claim.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentences the ladder says about its points, on made-up intervals with a known answer. */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("model ladder")
class LadderFindingTest {

    /** A point of claim C5 on capitals: k of L = 20 with the interval [lower, upper] in layers (null: not reached). */
    static Ladder.Point p(String model, long parameters, Integer k, Integer lower, Integer upper) {
        int l = 20;
        return new Ladder.Point(model, parameters, "C5", "switch", "capitals", l, Verdict.Outcome.INCONCLUSIVE,
                k == null ? null : k / 20.0, lower == null ? null : lower / 20.0, upper == null ? null : upper / 20.0,
                k, lower, upper, lower, "every layer", "first k from which the ignore share stays >= 0.5");
    }

    @Test
    void overlappingIntervalsSupportNoTrendEvenWhenThePointsRise() {
        // GIVEN three models whose points rise with size but whose intervals overlap
        List<Ladder.Point> s = List.of(p("a", 100, 10, 8, 13), p("b", 200, 12, 9, 15), p("c", 300, 14, 12, 17));
        // WHEN described THEN no trend is claimed
        assertThat(LadderFinding.trend(s)).isEqualTo(LadderFinding.Trend.ALL_OVERLAP);
        assertThat(LadderFinding.sentence(s)).contains("the intervals of all 3 models overlap")
                .contains("no trend can be claimed").contains("a 0.50 [0.40, 0.65]");
    }

    @Test
    void intervalsApartInSizeOrderSupportARiseOrAFall() {
        // GIVEN intervals that are apart and ordered with size (given out of order)
        List<Ladder.Point> rising = List.of(p("c", 300, 17, 16, 18), p("a", 100, 8, 7, 9), p("b", 200, 12, 11, 13));
        List<Ladder.Point> falling = List.of(p("a", 100, 17, 16, 18), p("b", 200, 12, 11, 13), p("c", 300, 8, 7, 9));
        // THEN the rise and the fall are supported, and said so
        assertThat(LadderFinding.trend(rising)).isEqualTo(LadderFinding.Trend.RISES);
        assertThat(LadderFinding.sentence(rising)).contains("moves deeper with size")
                .contains("monotone rise supported by 3 models");
        assertThat(LadderFinding.trend(falling)).isEqualTo(LadderFinding.Trend.FALLS);
        assertThat(LadderFinding.sentence(falling)).contains("moves earlier with size");
    }

    @Test
    void touchingIntervalsAreNotApart() {
        // GIVEN two intervals sharing an end (k=12 in both) THEN they overlap: apart means strictly apart
        assertThat(LadderFinding.trend(List.of(p("a", 100, 10, 9, 12), p("b", 200, 13, 12, 14))))
                .isEqualTo(LadderFinding.Trend.ALL_OVERLAP);
    }

    @Test
    void anIntervalUnboundedAboveOverlapsEverythingAboveItsLowerEnd() {
        // GIVEN a small model whose transition may lie past its last layer, and a larger one high up
        List<Ladder.Point> s = List.of(p("a", 100, 10, 9, null), p("b", 200, 18, 17, 19));
        // THEN they are not apart, however high the second sits
        assertThat(LadderFinding.trend(s)).isEqualTo(LadderFinding.Trend.ALL_OVERLAP);
        assertThat(LadderFinding.sentence(s)).contains("the two models' intervals overlap")
                .contains("a 0.50 [0.45, unbounded]");
        // and a transition not reached inside the model starts past the last layer
        List<Ladder.Point> t = List.of(p("a", 100, null, 19, null), p("b", 200, 10, 9, 11));
        assertThat(LadderFinding.trend(t)).isEqualTo(LadderFinding.Trend.FALLS);
        assertThat(LadderFinding.sentence(t)).contains("a not reached [0.95, unbounded]");
    }

    @Test
    void somePairsApartButNotInOrderIsNoMonotoneTrend() {
        // GIVEN a small and a large model apart, a middle one overlapping both
        List<Ladder.Point> s = List.of(p("a", 100, 6, 5, 8), p("b", 200, 9, 6, 14), p("c", 300, 13, 12, 15));
        // THEN only that pair differs, and no monotone trend is claimed
        assertThat(LadderFinding.trend(s)).isEqualTo(LadderFinding.Trend.NOT_MONOTONE);
        assertThat(LadderFinding.sentence(s)).contains("only a and c differ").contains("no monotone trend");
    }

    @Test
    void oneModelSaysNothingAboutSize() {
        assertThat(LadderFinding.trend(List.of(p("a", 100, 6, 5, 8)))).isEqualTo(LadderFinding.Trend.ONE_MODEL);
        assertThat(LadderFinding.sentence(List.of(p("a", 100, 6, 5, 8)))).contains("nothing can be said about size");
        assertThatThrownBy(() -> LadderFinding.sentence(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void againstThePaperCountsIntervalsAboveBelowAndOverlapping() {
        // GIVEN the paper's switch flips (17-22 of 32 = 0.53-0.69) and three intervals
        PaperReference.Range paper = PaperReference.transitionRange("switch");
        assertThat(paper.from()).isEqualTo(17 / 32.0);
        assertThat(paper.to()).isEqualTo(22 / 32.0);
        List<Ladder.Point> s = List.of(p("high", 100, 16, 15, 17), p("low", 200, 4, 3, 5), p("mid", 300, 12, 10, 16));
        // WHEN compared THEN each lands on its side
        assertThat(LadderFinding.againstPaper(s, paper))
                .contains("1 of 3 intervals lies wholly above it").contains("(high capitals)")
                .contains("1 of 3 intervals lies wholly below it (low capitals)")
                .contains("1 of 3 intervals overlaps it, not distinguishable from the paper (mid capitals)");
        assertThat(LadderFinding.againstPaper(s, null)).isNull();
    }

    @Test
    void headlineCountsTheSeriesThatSupportATrend() {
        // GIVEN one claim with a supported rise and one with overlapping intervals
        Ladder.Point a = p("a", 100, 8, 7, 9);
        Ladder.Point b = p("b", 200, 17, 16, 18);
        Ladder.Point c = new Ladder.Point("a", 100, "C3", "random", "capitals", 20, Verdict.Outcome.HOLDS, 0.5, 0.4, 0.6, 10, 8,
                12, 8, "every layer", "d");
        Ladder.Point d = new Ladder.Point("b", 200, "C3", "random", "capitals", 20, Verdict.Outcome.HOLDS, 0.55, 0.45, 0.65, 11, 9,
                13, 9, "every layer", "d");
        Ladder ladder = new Ladder(List.of(a, b, c, d), List.of(new Ladder.Model("a", "A", 100, "test", 20, "s"),
                new Ladder.Model("b", "B", 200, "test", 20, "s")), List.of(), Map.of());
        // THEN the headline says one of two series supports a change, one overlaps
        assertThat(LadderFinding.headline(ladder)).contains("2 models").contains("2 claim × task series: 1 shows")
                .contains("in 1 all intervals overlap");
    }
}
