package attendfirst.claim.stats;

/**
 * Per-unit values of the quantities a contrast combines: {@code columns[j][i]} is column j (a score in [0,1],
 * e.g. the seed-averaged score at k, or the baseline) of unit i (an example, or a source country of the switch).
 * Units are independent; the columns of one unit are paired.
 *
 * @param columns one row per column, each of the same length n (the number of units)
 * @param binary  every raw score behind the columns is 0 or 1 (exact match, switch outcomes); decides the
 *                interval method
 */
public record Units(double[][] columns, boolean binary) {

    public Units {
        if (columns.length == 0 || columns[0].length == 0) {
            throw new IllegalArgumentException("units need at least one column and one unit");
        }
        for (double[] c : columns) {
            if (c.length != columns[0].length) {
                throw new IllegalArgumentException("every column needs one value per unit: " + c.length + " vs "
                        + columns[0].length);
            }
        }
    }

    public int n() {
        return columns[0].length;
    }
}
