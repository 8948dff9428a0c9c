package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and values of every layer for a batch of sequences laid out on shared cache columns (rows of
 * different lengths are left-padded, see {@link DecoderModel.Columns}).
 * Owns its arrays through its own sub-manager: closing the cache frees them.
 * Tensors: keys[l], values[l] are (batch, nKvHeads, capacity, headSize).
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // (layer) -> (batch, nKvHeads, capacity, headSize)
    private final NDArray[] values; // (layer) -> (batch, nKvHeads, capacity, headSize)
    private int batch;
    private final int capacity;

    private KvCache(NDManager manager, NDArray[] keys, NDArray[] values, int batch, int capacity) {
        this.manager = manager;
        this.keys = keys;
        this.values = values;
        this.batch = batch;
        this.capacity = capacity;
    }

    public KvCache(NDManager parent, ModelConfig config, int batch, int capacity, DataType dtype) {
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.capacity = capacity;
        this.keys = new NDArray[config.nLayers()];
        this.values = new NDArray[config.nLayers()];
        Shape shape = new Shape(batch, config.nKvHeads(), capacity, config.headSize());
        for (int l = 0; l < config.nLayers(); l++) {
            keys[l] = manager.zeros(shape, dtype);
            values[l] = manager.zeros(shape, dtype);
        }
    }

    /**
     * A batch whose row b holds positions [0, length[b]) of the batch-1 cache {@code sources[b]} at columns
     * [pad[b], pad[b] + length[b]), zeros elsewhere, for every layer (copies). Rows that share a source and
     * layout share one padded copy while it is built.
     */
    public static KvCache rowsOf(NDManager parent, List<KvCache> sources, int[] length, int[] pad, int capacity) {
        int b = sources.size();
        NDManager m = parent.newSubManager();
        int layers = sources.get(0).keys.length;
        NDArray[] keys = new NDArray[layers];
        NDArray[] values = new NDArray[layers];
        try (NDManager scratch = parent.newSubManager()) {
            for (int l = 0; l < layers; l++) {
                NDList k = new NDList();
                NDList v = new NDList();
                Map<KvCache, Map<Long, NDArray[]>> padded = new IdentityHashMap<>();
                for (int r = 0; r < b; r++) {
                    KvCache src = sources.get(r);
                    if (src.batch != 1) {
                        throw new IllegalArgumentException("row sources must be batch-1 caches, got batch " + src.batch);
                    }
                    int layer = l;
                    int len = length[r];
                    int before = pad[r];
                    NDArray[] kv = padded.computeIfAbsent(src, x -> new java.util.HashMap<>())
                            .computeIfAbsent(((long) before << 32) | len, x -> new NDArray[] {
                                    padColumns(src.keys(layer, len), before, capacity, scratch),
                                    padColumns(src.values(layer, len), before, capacity, scratch)});
                    k.add(kv[0]);
                    v.add(kv[1]);
                }
                keys[l] = b == 1 ? k.get(0).duplicate() : NDArrays.concat(k, 0);
                values[l] = b == 1 ? v.get(0).duplicate() : NDArrays.concat(v, 0);
                keys[l].attach(m);
                values[l].attach(m);
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return new KvCache(m, keys, values, b, capacity);
    }

    /** (1, H, len, hs) -> (1, H, capacity, hs) with the len columns starting at {@code before}, zeros elsewhere. */
    private static NDArray padColumns(NDArray a, int before, int capacity, NDManager scratch) {
        a.attach(scratch); // a view of the source: freed with the scratch, not with the source
        long h = a.getShape().get(1);
        long len = a.getShape().get(2);
        long hs = a.getShape().get(3);
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(scratch.zeros(new Shape(1, h, before, hs), a.getDataType()));
        }
        parts.add(a);
        if (capacity - before - len > 0) {
            parts.add(scratch.zeros(new Shape(1, h, capacity - before - len, hs), a.getDataType()));
        }
        NDArray out = NDArrays.concat(parts, 2);
        out.attach(scratch);
        return out;
    }

    public int batch() { return batch; }

    public int capacity() { return capacity; }

    public int layers() { return keys.length; }

    /** Keeps only the rows where {@code keep} (batch) is true, in order: rows that finished leave the batch. */
    public void retainRows(boolean[] keep) {
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (keep.length != batch) {
            throw new IllegalArgumentException("row mask of " + keep.length + " for a batch of " + batch);
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray rows = scratch.create(kept(keep));
            for (int l = 0; l < keys.length; l++) {
                NDArray k = keys[l].get(rows);   // take along the batch axis
                NDArray v = values[l].get(rows);
                k.attach(manager);
                v.attach(manager);
                keys[l].close();
                values[l].close();
                keys[l] = k;
                values[l] = v;
            }
        }
        batch = kept;
    }

    /** The indices (int64) of the true entries of {@code keep}. */
    public static long[] kept(boolean[] keep) {
        return java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i]).mapToLong(i -> i).toArray();
    }

    /** Writes k, v (batch, nKvHeads, n, headSize) at columns [start, start + n) of layer l. */
    void write(int layer, int start, NDArray k, NDArray v) {
        long n = k.getShape().get(2);
        if (start + n > capacity) {
            throw new IllegalStateException("KV cache overflow: writing columns " + start + ".." + (start + n - 1)
                    + " into a cache of capacity " + capacity);
        }
        NDIndex at = new NDIndex(":, :, {}:{}", start, start + n);
        keys[layer].set(at, k);
        values[layer].set(at, v);
    }

    /** Keys of columns [0, length) of layer l: (batch, nKvHeads, length, headSize), a view. */
    NDArray keys(int layer, int length) { return keys[layer].get(new NDIndex(":, :, :{}", length)); }

    NDArray values(int layer, int length) { return values[layer].get(new NDIndex(":, :, :{}", length)); }

    @Override
    public void close() { manager.close(); }
}
