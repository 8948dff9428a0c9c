package attendfirst.intervention;

import java.util.SplittableRandom;

/**
 * The random draws of random(k) and shuffle(k), keyed by (seed, example, layer, position) so that the
 * same vector comes out whatever the batch, the order, the thread or whether a KV cache was used, and so
 * that different examples (and seeds) draw independent noise and average it out.
 */
public final class Noise {
    private Noise() {
    }

    /**
     * A stable 64-bit key for an example id: the first 8 bytes of SHA-256 of its UTF-8 bytes. It depends on
     * nothing but the id (not on the example's index, batch or thread).
     */
    public static long exampleKey(String exampleId) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(exampleId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A generator for one (seed, example, layer, position): SplitMix-style mixing of the four keys. */
    static SplittableRandom generator(long seed, long example, int layer, int position) {
        long key = mix(seed ^ 0x9E3779B97F4A7C15L);
        key = mix(key ^ (example * 0xD6E8FEB86659FD93L + 3));
        key = mix(key ^ (layer * 0xBF58476D1CE4E5B9L + 1));
        key = mix(key ^ (position * 0x94D049BB133111EBL + 2));
        return new SplittableRandom(key);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** random(k): a standard normal vector rescaled to the L2 norm of {@code h}. */
    public static float[] randomLike(float[] h, long seed, long example, int layer, int position) {
        double[] wide = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            wide[i] = h[i];
        }
        return randomLike(wide, seed, example, layer, position);
    }

    /** As {@link #randomLike(float[], long, long, int, int)} for an input held in doubles. */
    public static float[] randomLike(double[] h, long seed, long example, int layer, int position) {
        SplittableRandom r = generator(seed, example, layer, position);
        double[] z = new double[h.length];
        double zz = 0;
        for (int i = 0; i < h.length; i += 2) {
            // Box-Muller: two independent standard normals from two uniforms
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            z[i] = radius * Math.cos(2 * Math.PI * u2);
            if (i + 1 < h.length) {
                z[i + 1] = radius * Math.sin(2 * Math.PI * u2);
            }
        }
        for (double v : z) {
            zz += v * v;
        }
        double scale = norm(h) / Math.sqrt(zz);
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = (float) (z[i] * scale);
        }
        return out;
    }

    /** shuffle(k): the coordinates of {@code h} under a Fisher-Yates permutation keyed like the noise. */
    public static float[] shuffled(float[] h, long seed, long example, int layer, int position) {
        int[] perm = permutation(h.length, seed, example, layer, position);
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[perm[i]];
        }
        return out;
    }

    /** As {@link #shuffled(float[], long, long, int, int)} for an input held in doubles. */
    public static double[] shuffled(double[] h, long seed, long example, int layer, int position) {
        int[] perm = permutation(h.length, seed, example, layer, position);
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[perm[i]];
        }
        return out;
    }

    static int[] permutation(int n, long seed, long example, int layer, int position) {
        SplittableRandom r = generator(seed, example, layer, position);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    public static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
