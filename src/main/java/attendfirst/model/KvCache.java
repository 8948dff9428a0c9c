package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences that share positions.
 * Owns its arrays through its own sub-manager: closing the cache frees them.
 * Tensors: keys[l], values[l] are (batch, nKvHeads, capacity, headSize).
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // (layer) -> (batch, nKvHeads, capacity, headSize)
    private final NDArray[] values; // (layer) -> (batch, nKvHeads, capacity, headSize)
    private final int batch;
    private final int capacity;

    private KvCache(NDManager manager, NDArray[] keys, NDArray[] values, int batch, int capacity) {
        this.manager = manager;
        this.keys = keys;
        this.values = values;
        this.batch = batch;
        this.capacity = capacity;
    }

    /** The rows of several caches of equal capacity stacked into one batch (copies). */
    public static KvCache concat(java.util.List<KvCache> parts, NDManager parent) {
        NDManager m = parent.newSubManager();
        int layers = parts.get(0).keys.length;
        NDArray[] keys = new NDArray[layers];
        NDArray[] values = new NDArray[layers];
        int batch = 0;
        for (KvCache c : parts) {
            if (c.capacity != parts.get(0).capacity) {
                throw new IllegalArgumentException("caches of capacity " + c.capacity + " and " + parts.get(0).capacity
                        + " cannot be stacked");
            }
            batch += c.batch;
        }
        for (int l = 0; l < layers; l++) {
            ai.djl.ndarray.NDList k = new ai.djl.ndarray.NDList();
            ai.djl.ndarray.NDList v = new ai.djl.ndarray.NDList();
            for (KvCache c : parts) {
                k.add(c.keys[l]);
                v.add(c.values[l]);
            }
            keys[l] = ai.djl.ndarray.NDArrays.concat(k, 0);
            values[l] = ai.djl.ndarray.NDArrays.concat(v, 0);
            keys[l].attach(m);
            values[l].attach(m);
        }
        return new KvCache(m, keys, values, batch, parts.get(0).capacity);
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

    public int batch() { return batch; }

    public int capacity() { return capacity; }

    public int layers() { return keys.length; }

    /** Writes k, v (batch, nKvHeads, n, headSize) at positions [start, start + n) of layer l. */
    void write(int layer, int start, NDArray k, NDArray v) {
        long n = k.getShape().get(2);
        if (start + n > capacity) {
            throw new IllegalStateException("KV cache overflow: writing positions " + start + ".." + (start + n - 1)
                    + " into a cache of capacity " + capacity);
        }
        NDIndex at = new NDIndex(":, :, {}:{}", start, start + n);
        keys[layer].set(at, k);
        values[layer].set(at, v);
    }

    /** Keys of positions [0, length) of layer l: (batch, nKvHeads, length, headSize), a view. */
    NDArray keys(int layer, int length) { return keys[layer].get(new NDIndex(":, :, :{}", length)); }

    NDArray values(int layer, int length) { return values[layer].get(new NDIndex(":, :, :{}", length)); }

    /**
     * Copies positions [0, length) of the given layers from a cache with batch 1 (or the same batch)
     * into every batch row of this one: the shared clean prefix of a sweep.
     */
    public void copyFrom(KvCache source, int fromLayer, int toLayer, int length) {
        NDIndex at = new NDIndex(":, :, :{}", length);
        for (int l = fromLayer; l < toLayer; l++) {
            keys[l].set(at, source.keys(l, length).broadcast(batch, keys[l].getShape().get(1), length,
                    keys[l].getShape().get(3)));
            values[l].set(at, source.values(l, length).broadcast(batch, values[l].getShape().get(1), length,
                    values[l].getShape().get(3)));
        }
    }

    /** Copies batch row {@code fromRow} of positions [0, length) into row {@code toRow} for all layers. */
    public void copyRow(int fromRow, int toRow, int length) {
        for (int l = 0; l < keys.length; l++) {
            NDIndex src = new NDIndex("{}, :, :{}", fromRow, length);
            NDIndex dst = new NDIndex("{}, :, :{}", toRow, length);
            keys[l].set(dst, keys[l].get(src));
            values[l].set(dst, values[l].get(src));
        }
    }

    @Override
    public void close() { manager.close(); }
}
