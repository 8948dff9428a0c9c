package attendfirst.intervention;

/**
 * Which previous tokens a manipulation touches: positions in [from, to) that are not the newest.
 * The paper's setting is {@link #ALL_PREVIOUS}; {@link #prompt(int)} keeps generated tokens intact.
 */
public record Positions(int from, int to) {
    public static final Positions ALL_PREVIOUS = new Positions(0, Integer.MAX_VALUE);

    public Positions {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("positions must satisfy 0 <= from <= to, got [" + from + ", " + to + ")");
        }
    }

    /** Only the first {@code promptLength} positions (the prompt), never the newest token. */
    public static Positions prompt(int promptLength) { return new Positions(0, promptLength); }

    /** Whether position {@code pos} is manipulated when the newest position is {@code newest}. */
    public boolean covers(int pos, int newest) { return pos < newest && pos >= from && pos < to; }
}
