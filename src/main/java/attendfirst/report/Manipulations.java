package attendfirst.report;

import java.awt.Color;
import java.util.List;

/**
 * One colour and one place in the legend per manipulation, the same in every figure of the report. Colours are
 * the Okabe-Ito palette, which stays distinguishable under the common forms of colour blindness.
 */
final class Manipulations {

    static final Color BLACK = new Color(0x000000);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY_BLUE = new Color(0x56B4E9);
    static final Color BLUISH_GREEN = new Color(0x009E73);
    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    static final Color GREY = new Color(0x7F7F7F);

    private static final List<String> ORDER = List.of("random", "shuffle", "freeze", "skip-attention");
    /** For series that are not manipulations (models on a comparison plot), in order. */
    private static final Color[] CYCLE = {BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK};

    private Manipulations() {
    }

    static int order(String manipulation) {
        int i = ORDER.indexOf(manipulation);
        return i < 0 ? ORDER.size() : i;
    }

    static Color colour(String series) {
        return switch (series) {
            case "random" -> VERMILLION;
            case "shuffle" -> REDDISH_PURPLE;
            case "freeze" -> BLUE;
            case "skip-attention" -> BLUISH_GREEN;
            case "ignored" -> BLUE;
            case "conformed" -> ORANGE;
            case "other" -> GREY;
            default -> SKY_BLUE;
        };
    }

    static Color cycle(int i) {
        return CYCLE[i % CYCLE.length];
    }
}
