package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;

import java.util.List;

/**
 * Applies the manipulations of a row batch to a layer input. The rewrite goes through the host: it touches a
 * few thousand floats once per (batch, layer) where some row rewrites, and keeps the noise generator in plain
 * Java, keyed by (seed, example, layer, position) and therefore identical on every device and batch layout.
 * What a row's manipulation does is its own business ({@link Manipulation#rewrite}); this class only maps
 * cache columns to positions.
 */
final class Rewrites {
    private Rewrites() {
    }

    /**
     * @param rows      the manipulation of each batch row
     * @param l         the layer whose input x is
     * @param x         (B, n, dim) inputs at cache columns [start, start + n)
     * @param start     the first column of x
     * @param pad       (B) left padding of each row: row b's position at column c is c - pad[b]; null = none
     * @param newestCol the column of every row's newest position (never touched by previous-token manipulations)
     * @param frozen    (B, >= start + n, dim) layer k-1 inputs of each row by column, for rows that read them
     *                  (freeze), else null
     * @return x itself when no row rewrites at this layer, otherwise a rewritten copy
     */
    static NDArray apply(List<Manipulation> rows, int l, NDArray x, int start, int[] pad, int newestCol, NDArray frozen) {
        if (rows.stream().noneMatch(m -> m.rewritesAt(l))) {
            return x;
        }
        int r = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        int dim = (int) x.getShape().get(2);
        // doubles hold float32 and float64 inputs exactly, so the rewrite adds no rounding of its own
        double[] data = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] frozenData = frozen == null ? null : frozen.toType(DataType.FLOAT64, false).toDoubleArray();
        int frozenCols = frozen == null ? 0 : (int) frozen.getShape().get(1);
        for (int row = 0; row < r; row++) {
            Manipulation m = rows.get(row);
            if (!m.rewritesAt(l)) {
                continue;
            }
            int first = pad == null ? 0 : pad[row];
            for (int i = 0; i < n; i++) {
                int col = start + i;
                if (col < first) {
                    continue; // padding: no position
                }
                int offset = (row * n + i) * dim;
                double[] h = slice(data, offset, dim);
                double[] f = frozenData == null ? null : slice(frozenData, (row * frozenCols + col) * dim, dim);
                double[] replacement = m.rewrite(l, col - first, newestCol - first, h, f);
                if (replacement != null) {
                    System.arraycopy(replacement, 0, data, offset, dim);
                }
            }
        }
        return x.getManager().create(data, x.getShape()).toType(x.getDataType(), false);
    }

    private static double[] slice(double[] data, int offset, int len) {
        double[] out = new double[len];
        System.arraycopy(data, offset, out, 0, len);
        return out;
    }
}
