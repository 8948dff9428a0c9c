package attendfirst.plan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Locale;

/**
 * What the time estimate divides by: sustained matrix-product throughput and the fixed cost of one engine
 * operation (a JNI call and a kernel launch, which dominates small models and decoding steps), measured here by
 * the engine or, for a device this machine does not have, a documented assumption.
 *
 * @param flopsPerSecond floating-point operations per second of the forward pass's products
 * @param secondsPerOp   wall time of one small operation
 * @param source         how it was obtained, printed with every plan
 */
public record Calibration(double flopsPerSecond, double secondsPerOp, String source) {
    /** Operations of one {@code DecoderModel.layer} call (norms, projections, rotary, attention, MLP), counted. */
    public static final int OPS_PER_LAYER_CALL = 45;
    /** Products discarded before timing, and products timed (best kept). */
    static final int WARM_UP = 5;
    static final int TIMED = 10;

    public Calibration(double flopsPerSecond, String source) {
        this(flopsPerSecond, 0, source);
    }

    /**
     * Planning a GPU from a machine without one: 30 TFLOP/s for float16 (60 for float32 would be wrong: TF32 is
     * not used by eager PyTorch products unless enabled, so float32 gets 15). The project's own assumption for a
     * 24-80 GB data-center GPU running DJL's eager, batch-of-rows products at a fraction of its peak, and 20 us per
     * operation (JNI call plus kernel launch); a run on the GPU measures the real numbers ({@link #measure}).
     */
    public static Calibration assumedGpu(DataType dtype) {
        double f = dtype == DataType.FLOAT16 ? 30e12 : 15e12;
        return new Calibration(f, 20e-6, String.format(Locale.ROOT, "assumed %.0f TFLOP/s and 20 us per operation "
                + "(no GPU on this machine; documented default in Calibration.assumedGpu)", f / 1e12));
    }

    /**
     * Times (rows x n) @ (n x n) products in {@code dtype} on {@code device}, best of {@value #TIMED} after
     * {@value #WARM_UP} warm-up products: the shape of one layer call on a batch of rows. Takes well under a
     * second on a CPU for n <= 1024.
     */
    public static Calibration measure(Device device, DataType dtype, int n, int rows) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray a = m.randomNormal(new Shape(rows, n)).toType(dtype, false);
            NDArray b = m.randomNormal(new Shape(n, n)).toType(dtype, false);
            // the first products of a process pay libtorch's lazy start-up (thread pools, kernel selection): one
            // warm-up was not enough (a plan once measured 11.6 GFLOP/s for a machine that sustains ~110), so
            // WARM_UP products are discarded and the best of TIMED is kept
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < WARM_UP + TIMED; rep++) {
                long t = System.nanoTime();
                NDArray c = a.matMul(b);
                c.get(0, 0).toType(DataType.FLOAT32, false).getFloat(); // waits for the device
                c.close();
                if (rep >= WARM_UP) {
                    best = Math.min(best, (System.nanoTime() - t) / 1e9);
                }
            }
            double flops = 2.0 * rows * n * (double) n / best;
            // one small operation: a (1 x 16) row through a (16 x 16) product, median of many
            NDArray x = m.randomNormal(new Shape(1, 16)).toType(dtype, false);
            NDArray w = m.randomNormal(new Shape(16, 16)).toType(dtype, false);
            // best of 5 chunks of 100: a busy machine slows some chunks, never speeds one up
            double op = Double.MAX_VALUE;
            for (int chunk = 0; chunk < 5; chunk++) {
                long t = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    x.matMul(w).close();
                }
                x.matMul(w).toType(DataType.FLOAT32, false).getFloat(0, 0);
                op = Math.min(op, (System.nanoTime() - t) / 1e9 / 101);
            }
            return new Calibration(flops, op, String.format(Locale.ROOT, "measured %.3g GFLOP/s and %.1f us per "
                    + "operation on %s in %s ((%d x %d) @ (%d x %d), best of %d after %d warm-up)", flops / 1e9, op * 1e6,
                    device, dtype, rows, n, n, n, TIMED, WARM_UP));
        }
    }
}
