package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Manipulation.Freeze;
import attendfirst.intervention.Manipulation.Inject;
import attendfirst.intervention.Manipulation.RandomNoise;
import attendfirst.intervention.Manipulation.Shuffle;
import attendfirst.intervention.Noise;
import attendfirst.intervention.Positions;

import java.util.List;

/**
 * Applies manipulations to a layer input. The rewrite goes through the host: it touches at most a
 * few thousand floats once per (row, layer) and keeps the noise generator in plain Java, keyed by
 * (seed, layer, position) and therefore identical on every device and batch layout.
 */
final class Rewrites {
    private Rewrites() {
    }

    /** Batch-1 form; {@code frozen} (1, >= n, dim) holds the layer k-1 inputs for freeze, else null. */
    static NDArray apply(Manipulation m, int l, NDArray x, int s0, int newest, NDArray frozen) {
        return apply(List.of(m), l, x, s0, newest, frozen == null ? null : new NDArray[] {frozen});
    }

    /**
     * @param rows   the manipulation of each batch row
     * @param l      the layer whose input x is
     * @param x      (R, n, dim) inputs of positions [s0, s0 + n)
     * @param newest the newest position of the sequence (never manipulated by previous-token manipulations)
     * @param frozen per row (1, >= s0 + n, dim) layer k-1 inputs by absolute position, for freeze rows
     * @return x itself when nothing applies at this layer, otherwise a rewritten copy
     */
    static NDArray apply(List<Manipulation> rows, int l, NDArray x, int s0, int newest, NDArray[] frozen) {
        if (rows.stream().noneMatch(m -> actsAt(m, l))) {
            return x;
        }
        int r = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        int dim = (int) x.getShape().get(2);
        // doubles hold float32 and float64 inputs exactly, so the rewrite adds no rounding of its own
        double[] data = x.toType(DataType.FLOAT64, false).toDoubleArray();
        for (int row = 0; row < r; row++) {
            Manipulation m = rows.get(row);
            if (!actsAt(m, l)) {
                continue;
            }
            double[] frozenRow = m instanceof Freeze ? frozen[row].toType(DataType.FLOAT64, false).toDoubleArray() : null;
            for (int i = 0; i < n; i++) {
                int pos = s0 + i;
                int offset = (row * n + i) * dim;
                double[] replacement = replacement(m, pos, newest, data, offset, dim, frozenRow);
                if (replacement != null) {
                    System.arraycopy(replacement, 0, data, offset, dim);
                }
            }
        }
        NDArray out = x.getManager().create(data, x.getShape()).toType(x.getDataType(), false);
        return out;
    }

    /** Whether manipulation m rewrites inputs of layer l. */
    static boolean actsAt(Manipulation m, int l) {
        if (m instanceof Freeze f) {
            return l >= f.layer();
        }
        boolean once = m instanceof RandomNoise || m instanceof Shuffle || m instanceof Inject;
        return once && l == m.layer();
    }

    /** The new input of one position, or null when it stays. */
    private static double[] replacement(Manipulation m, int pos, int newest, double[] data, int offset, int dim,
                                        double[] frozenRow) {
        if (m instanceof RandomNoise rn) {
            return covered(rn.positions(), pos, newest)
                    ? widen(Noise.randomLike(slice(data, offset, dim), rn.seed(), rn.layer(), pos)) : null;
        }
        if (m instanceof Shuffle s) {
            return covered(s.positions(), pos, newest)
                    ? Noise.shuffled(slice(data, offset, dim), s.seed(), s.layer(), pos) : null;
        }
        if (m instanceof Freeze f) {
            return covered(f.positions(), pos, newest) ? slice(frozenRow, pos * dim, dim) : null;
        }
        if (m instanceof Inject inj) {
            return pos == inj.position() ? widen(checkedVector(inj, dim)) : null;
        }
        return null;
    }

    private static boolean covered(Positions p, int pos, int newest) { return p.covers(pos, newest); }

    private static float[] checkedVector(Inject inj, int dim) {
        float[] v = inj.vector();
        if (v.length != dim) {
            throw new IllegalArgumentException("inject vector has " + v.length + " values, the model's dim is " + dim);
        }
        return v;
    }

    private static double[] slice(double[] data, int offset, int len) {
        double[] out = new double[len];
        System.arraycopy(data, offset, out, 0, len);
        return out;
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
