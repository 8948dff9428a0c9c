package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.io.ModelFormatException;
import attendfirst.io.TensorSource;
import attendfirst.model.TensorNames.Part;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a checkpoint's tensors into {@link ModelWeights} on the manager's device, checking every
 * shape against the config.
 *
 * <p>Two layout conversions happen here so that the forward pass has one code path:
 * <ul>
 *   <li>llama.cpp stores Llama's Q and K projections with the rows of each head permuted for
 *       interleaved RoPE (pairs (2i, 2i+1)); HF checkpoints use the rotate-half layout (pairs
 *       (i, i + headSize/2)). GGUF Llama rows are put back: HF row {@code h*hs + j*hs/2 + i} is GGUF row
 *       {@code h*hs + 2i + j}. Gemma GGUFs are written in the rotate-half layout already.</li>
 *   <li>Gemma's RMSNorm multiplies by {@code 1 + w}. HF checkpoints hold {@code w}; llama.cpp's
 *       converter stores {@code 1 + w}. The loader adds {@code normOffset} so the model always holds
 *       the effective multiplier.</li>
 * </ul>
 */
public final class WeightLoader {
    private final TensorSource source;
    private final ModelConfig config;
    private final TensorNames names;
    private final NDManager manager;
    private final DataType dtype;
    private final boolean unpermuteQk;
    private final float normOffset;

    public WeightLoader(TensorSource source, ModelConfig config, TensorNames names, NDManager manager,
                        DataType dtype, boolean unpermuteQk, float normOffset) {
        this.source = source;
        this.config = config;
        this.names = names;
        this.manager = manager;
        this.dtype = dtype;
        this.unpermuteQk = unpermuteQk;
        this.normOffset = normOffset;
    }

    public ModelWeights load() {
        int dim = config.dim();
        NDArray embedding = matrix(names.embedding, config.vocabSize(), dim);
        NDArray finalNorm = norm(names.finalNorm, dim);
        NDArray outputT;
        if (config.tiedEmbeddings() || !source.has(names.output)) {
            outputT = embedding.transpose();                        // (dim, vocab) view of the tied table
        } else {
            outputT = matrix(names.output, config.vocabSize(), dim).transpose();
        }
        List<ModelWeights.Layer> layers = new ArrayList<>();
        for (int l = 0; l < config.nLayers(); l++) {
            layers.add(layer(l));
        }
        return new ModelWeights(embedding, finalNorm, outputT, List.copyOf(layers));
    }

    private ModelWeights.Layer layer(int l) {
        int dim = config.dim();
        int hs = config.headSize();
        boolean gemma = config.qkNorm();
        float[] wq = read(l, Part.WQ, config.qDim(), dim);
        float[] wk = read(l, Part.WK, config.kvDim(), dim);
        float[] wv = read(l, Part.WV, config.kvDim(), dim);
        if (unpermuteQk) {
            wq = unpermute(wq, config.nHeads(), hs, dim);
            wk = unpermute(wk, config.nKvHeads(), hs, dim);
        }
        NDList parts = new NDList(
                create(wq, config.qDim(), dim), create(wk, config.kvDim(), dim), create(wv, config.kvDim(), dim));
        NDArray wqkv = NDArrays.concat(parts, 0);
        parts.close(); // the concatenation is a copy: without this the q, k, v weights were held twice
        NDArray wo = matrix(names.layer(l, Part.WO, config.architecture()), dim, config.qDim());
        NDArray w1 = matrix(names.layer(l, Part.W1, config.architecture()), config.hiddenDim(), dim);
        NDArray w3 = matrix(names.layer(l, Part.W3, config.architecture()), config.hiddenDim(), dim);
        NDArray w13 = NDArrays.concat(new NDList(w1, w3), 0);
        w1.close();
        w3.close();
        NDArray w2 = matrix(names.layer(l, Part.W2, config.architecture()), dim, config.hiddenDim());
        NDArray bqkv = config.qkvBias() ? qkvBias(l) : null;
        return new ModelWeights.Layer(
                norm(names.layer(l, Part.ATTN_NORM, config.architecture()), dim),
                transposed(wqkv),
                wo.transpose(),
                gemma ? norm(names.layer(l, Part.Q_NORM, config.architecture()), hs) : null,
                gemma ? norm(names.layer(l, Part.K_NORM, config.architecture()), hs) : null,
                config.sandwichNorms() ? norm(names.layer(l, Part.POST_ATTN_NORM, config.architecture()), dim) : null,
                norm(names.layer(l, Part.FFN_NORM, config.architecture()), dim),
                transposed(w13),
                w2.transpose(),
                config.sandwichNorms() ? norm(names.layer(l, Part.POST_FFN_NORM, config.architecture()), dim) : null,
                bqkv);
    }

    /**
     * Qwen2's [bq; bk; bv] (qDim + 2 kvDim) in the compute dtype. No un-permutation: llama.cpp stores Qwen2's
     * Q/K rows in the rotate-half layout (its qwen2 graph uses NeoX-style RoPE), so the loader is never asked
     * to un-permute them.
     */
    private NDArray qkvBias(int l) {
        if (unpermuteQk) {
            throw new IllegalStateException("q/k biases with llama.cpp's Q/K row permutation are not handled");
        }
        float[] bias = new float[config.qDim() + 2 * config.kvDim()];
        int at = 0;
        for (Part part : new Part[] {Part.BQ, Part.BK, Part.BV}) {
            String name = names.layer(l, part, config.architecture());
            long size = part == Part.BQ ? config.qDim() : config.kvDim();
            checkShape(name, size);
            System.arraycopy(source.readFloat32(name), 0, bias, at, (int) size);
            at += size;
        }
        return convert(manager.create(bias, new Shape(bias.length)));
    }

    /**
     * The transposed view of a concatenation, with the original handle closed: the concatenation's storage is
     * PyTorch's own and the view keeps it alive (reference-counted), so the manager holds one handle per weight.
     * Not for arrays made from a Java buffer ({@code manager.create(float[])} in float32): their storage is the
     * buffer the original handle keeps, and closing it would free the view's memory.
     */
    private static NDArray transposed(NDArray a) {
        NDArray t = a.transpose();
        a.close();
        return t;
    }

    /** Inverse of llama.cpp's Q/K row permutation (see the class comment). */
    static float[] unpermute(float[] w, int heads, int headSize, int cols) {
        float[] out = new float[w.length];
        int half = headSize / 2;
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < half; i++) {
                    int hfRow = h * headSize + j * half + i;
                    int ggufRow = h * headSize + 2 * i + j;
                    System.arraycopy(w, ggufRow * cols, out, hfRow * cols, cols);
                }
            }
        }
        return out;
    }

    private float[] read(int l, Part part, long rows, long cols) {
        String name = names.layer(l, part, config.architecture());
        checkShape(name, rows, cols);
        return source.readFloat32(name);
    }

    private NDArray matrix(String name, long rows, long cols) {
        checkShape(name, rows, cols);
        return create(source.readFloat32(name), rows, cols);
    }

    private NDArray norm(String name, long size) {
        checkShape(name, size);
        float[] w = source.readFloat32(name);
        if (normOffset != 0f) {
            for (int i = 0; i < w.length; i++) {
                w[i] += normOffset;
            }
        }
        NDArray weight = manager.create(w, new Shape(size));
        if (config.architecture().equals("gemma3") && dtype == DataType.FLOAT16) {
            // HF holds Gemma's w (not 1 + w) in the model dtype and computes 1 + w.float(): the multiplier is
            // 1 + round16(w), so w is rounded to float16 here before the offset is put back
            NDArray hfW = weight.sub(1f);
            NDArray rounded = hfW.toType(DataType.FLOAT16, false);
            NDArray back = rounded.toType(DataType.FLOAT32, false);
            NDArray multiplier = back.add(1f);
            for (NDArray staging : new NDArray[] {weight, hfW, rounded, back}) {
                staging.close();
            }
            weight = multiplier;
        }
        // Gemma's RMSNorm multiplies by (1 + w) in float32 and rounds afterwards: keep its weights in float32
        // (DecoderModel.rmsNorm picks the order from the weight's dtype); Llama's are in the compute dtype
        return config.architecture().equals("gemma3") ? weight : convert(weight);
    }

    private NDArray create(float[] data, long rows, long cols) {
        return convert(manager.create(data, new Shape(rows, cols)));
    }

    /** To the compute dtype, freeing the float32 staging copy. */
    private NDArray convert(NDArray a) {
        if (dtype == DataType.FLOAT32) {
            return a;
        }
        NDArray converted = a.toType(dtype, true);
        a.close();
        return converted;
    }

    private void checkShape(String name, long... expected) {
        if (!source.has(name)) {
            throw new ModelFormatException(source.describe() + ": missing tensor '" + name + "' required by the "
                    + config.architecture() + " architecture");
        }
        long[] actual = source.shape(name);
        if (!Arrays.equals(actual, expected)) {
            throw new ModelFormatException(source.describe() + ": tensor '" + name + "' has shape "
                    + Arrays.toString(actual) + ", expected " + Arrays.toString(expected) + " for " + config);
        }
    }
}
