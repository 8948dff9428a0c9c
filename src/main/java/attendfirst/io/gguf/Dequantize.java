package attendfirst.io.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Turns ggml blocks into float32, straight from a little-endian (mapped) buffer with absolute reads and
 * no per-element allocation. The arithmetic follows ggml's reference dequantize_row_* functions in
 * float32 and in the same order (no fused multiply-add); the tests find the Python gguf package's results
 * bit for bit, on edge-value blocks and on every tensor of both real models.
 * Runs of blocks are spread over the common fork-join pool; each run writes a disjoint slice of dst.
 */
public final class Dequantize {
    private static final int ELEMENTS_PER_TASK = 1 << 16; // large enough to amortise a fork-join task
    private static final float[] F16_TO_F32 = new float[1 << 16];

    static {
        for (int h = 0; h < F16_TO_F32.length; h++) {
            F16_TO_F32[h] = halfToFloat(h);
        }
    }

    private Dequantize() {
    }

    /** IEEE 754 binary16 bits to float32 (exact; Float.float16ToFloat only exists from Java 20). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) { // inf / NaN, payload kept
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) { // zero / subnormal: mant * 2^-24, exact in float32
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    static float f16(ByteBuffer b, int at) {
        return F16_TO_F32[b.getShort(at) & 0xFFFF];
    }

    /**
     * Dequantises nBlocks blocks of the given type, starting at byte 0 of src (read as little-endian
     * whatever src's order, with absolute reads only, so src may be shared), into dst[dstOffset ...].
     */
    public static void blocks(GgmlType type, ByteBuffer src, int nBlocks, float[] dst, int dstOffset) {
        if (!type.supported()) {
            throw new IllegalArgumentException("no dequantisation for " + type);
        }
        ByteBuffer le = src.order() == ByteOrder.LITTLE_ENDIAN ? src : src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type == GgmlType.F32) { // already float32: one bulk copy
            ByteBuffer f32 = le.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(0);
            f32.asFloatBuffer().get(dst, dstOffset, nBlocks);
            return;
        }
        int blocksPerTask = Math.max(1, ELEMENTS_PER_TASK / type.blockSize());
        int tasks = (nBlocks + blocksPerTask - 1) / blocksPerTask;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int from = t * blocksPerTask;
            int to = Math.min(nBlocks, from + blocksPerTask);
            run(type, le, from, to, dst, dstOffset);
        });
    }

    private static void run(GgmlType type, ByteBuffer src, int from, int to, float[] dst, int dstOffset) {
        int bs = type.blockSize();
        int ts = type.typeSize();
        for (int b = from; b < to; b++) {
            int in = b * ts;       // < 2^31: callers map at most Integer.MAX_VALUE bytes at a time
            int out = dstOffset + b * bs;
            switch (type) {
                case F32 -> dst[out] = src.getFloat(in);
                case F16 -> dst[out] = f16(src, in);
                case BF16 -> dst[out] = Float.intBitsToFloat((src.getShort(in) & 0xFFFF) << 16); // top half of an f32
                case Q8_0 -> q8_0(src, in, dst, out);
                case Q4_0 -> q4_0(src, in, dst, out);
                case Q4_1 -> q4_1(src, in, dst, out);
                case Q5_0 -> q5_0(src, in, dst, out);
                case Q4_K -> q4_K(src, in, dst, out);
                case Q6_K -> q6_K(src, in, dst, out);
                default -> throw new IllegalArgumentException("no dequantisation for " + type);
            }
        }
    }

    /*
     * block_q8_0 (34 bytes, 32 weights), dequantize_row_q8_0:
     *   ggml_half d;     // scale
     *   int8_t  qs[32];  // quants
     *   y[j] = qs[j] * d
     */
    private static void q8_0(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in);
        for (int j = 0; j < 32; j++) {
            y[out + j] = s.get(in + 2 + j) * d;
        }
    }

    /*
     * block_q4_0 (18 bytes, 32 weights), dequantize_row_q4_0:
     *   ggml_half d;       // scale
     *   uint8_t  qs[16];   // nibbles: low nibble of qs[j] is weight j, high nibble is weight j+16
     *   y[j] = ((qs[j] & 0xF) - 8) * d;  y[j+16] = ((qs[j] >> 4) - 8) * d
     */
    private static void q4_0(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in);
        for (int j = 0; j < 16; j++) {
            int q = s.get(in + 2 + j) & 0xFF;
            y[out + j] = ((q & 0xF) - 8) * d;
            y[out + j + 16] = ((q >>> 4) - 8) * d;
        }
    }

    /*
     * block_q4_1 (20 bytes, 32 weights), dequantize_row_q4_1:
     *   ggml_half d;       // scale
     *   ggml_half m;       // min
     *   uint8_t  qs[16];   // nibbles as in q4_0, unsigned
     *   y[j] = (qs[j] & 0xF) * d + m;  y[j+16] = (qs[j] >> 4) * d + m
     */
    private static void q4_1(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in);
        float m = f16(s, in + 2);
        for (int j = 0; j < 16; j++) {
            int q = s.get(in + 4 + j) & 0xFF;
            y[out + j] = (q & 0xF) * d + m;
            y[out + j + 16] = (q >>> 4) * d + m;
        }
    }

    /*
     * block_q5_0 (22 bytes, 32 weights), dequantize_row_q5_0:
     *   ggml_half d;       // scale
     *   uint8_t  qh[4];    // 5th bit of each weight, as one little-endian uint32: bit j for weight j
     *   uint8_t  qs[16];   // low 4 bits, nibbles as in q4_0
     *   x0 = ((qs[j] & 0xF) | bit j of qh << 4) - 16;  x1 = ((qs[j] >> 4) | bit (j+16) of qh << 4) - 16
     *   y[j] = x0 * d;  y[j+16] = x1 * d
     */
    private static void q5_0(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in);
        int qh = s.getInt(in + 2);
        for (int j = 0; j < 16; j++) {
            int q = s.get(in + 6 + j) & 0xFF;
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            y[out + j] = (((q & 0xF) | h0) - 16) * d;
            y[out + j + 16] = (((q >>> 4) | h1) - 16) * d;
        }
    }

    /*
     * block_q4_K (144 bytes, 256 weights in 8 sub-blocks of 32), dequantize_row_q4_K:
     *   ggml_half d;           // super-block scale for the sub-block scales
     *   ggml_half dmin;        // super-block scale for the sub-block mins
     *   uint8_t  scales[12];   // 8 scales and 8 mins, 6 bits each (get_scale_min_k4)
     *   uint8_t  qs[128];      // nibbles: 64 weights per 32 bytes, low nibbles first, then high nibbles
     *   sub-block i: y = d*sc[i] * q - dmin*m[i]
     * get_scale_min_k4(j): j < 4: sc = scales[j] & 63, m = scales[j+4] & 63
     *                      else:  sc = (scales[j+4] & 0xF) | ((scales[j-4] >> 6) << 4)
     *                             m  = (scales[j+4] >> 4)  | ((scales[j]   >> 6) << 4)
     */
    private static void q4_K(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in);
        float dmin = f16(s, in + 2);
        int sc = in + 4;
        int qs = in + 16;
        for (int j = 0; j < 8; j += 2) { // two sub-blocks share 32 bytes of qs
            float d1 = d * scaleK4(s, sc, j);
            float m1 = dmin * minK4(s, sc, j);
            float d2 = d * scaleK4(s, sc, j + 1);
            float m2 = dmin * minK4(s, sc, j + 1);
            int q = qs + j * 16;
            int o = out + j * 32;
            for (int l = 0; l < 32; l++) {
                int v = s.get(q + l) & 0xFF;
                y[o + l] = d1 * (v & 0xF) - m1;
                y[o + 32 + l] = d2 * (v >>> 4) - m2;
            }
        }
    }

    private static int scaleK4(ByteBuffer s, int sc, int j) {
        return j < 4 ? s.get(sc + j) & 63
                : (s.get(sc + j + 4) & 0xF) | (((s.get(sc + j - 4) & 0xFF) >>> 6) << 4);
    }

    private static int minK4(ByteBuffer s, int sc, int j) {
        return j < 4 ? s.get(sc + j + 4) & 63
                : ((s.get(sc + j + 4) & 0xFF) >>> 4) | (((s.get(sc + j) & 0xFF) >>> 6) << 4);
    }

    /*
     * block_q6_K (210 bytes, 256 weights in 16 sub-blocks of 16), dequantize_row_q6_K:
     *   uint8_t ql[128];      // low 4 bits
     *   uint8_t qh[64];       // high 2 bits
     *   int8_t  scales[16];   // sub-block scales
     *   ggml_half d;          // super-block scale
     *   per half (128 weights: ql += 64, qh += 32, scales += 8), for l in 0..31, is = l/16:
     *     q1 = ((ql[l]    & 0xF) | ((qh[l] >> 0 & 3) << 4)) - 32   -> y[l]      = d * sc[is+0] * q1
     *     q2 = ((ql[l+32] & 0xF) | ((qh[l] >> 2 & 3) << 4)) - 32   -> y[l + 32] = d * sc[is+2] * q2
     *     q3 = ((ql[l]    >> 4)  | ((qh[l] >> 4 & 3) << 4)) - 32   -> y[l + 64] = d * sc[is+4] * q3
     *     q4 = ((ql[l+32] >> 4)  | ((qh[l] >> 6 & 3) << 4)) - 32   -> y[l + 96] = d * sc[is+6] * q4
     */
    private static void q6_K(ByteBuffer s, int in, float[] y, int out) {
        float d = f16(s, in + 208);
        for (int half = 0; half < 2; half++) {
            int ql = in + half * 64;
            int qh = in + 128 + half * 32;
            int sc = in + 192 + half * 8;
            int o = out + half * 128;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int lo = s.get(ql + l) & 0xFF;
                int lo2 = s.get(ql + l + 32) & 0xFF;
                int h = s.get(qh + l) & 0xFF;
                int q1 = ((lo & 0xF) | ((h & 3) << 4)) - 32;
                int q2 = ((lo2 & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
                int q3 = ((lo >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                int q4 = ((lo2 >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                y[o + l] = d * s.get(sc + is) * q1;
                y[o + l + 32] = d * s.get(sc + is + 2) * q2;
                y[o + l + 64] = d * s.get(sc + is + 4) * q3;
                y[o + l + 96] = d * s.get(sc + is + 6) * q4;
            }
        }
    }
}
