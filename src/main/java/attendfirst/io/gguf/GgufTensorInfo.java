package attendfirst.io.gguf;

import java.util.Arrays;

/**
 * One entry of the GGUF tensor-info table.
 *
 * @param name   tensor name, e.g. "blk.0.attn_q.weight"
 * @param ne     ggml dimensions, ne[0] fastest varying (the reverse of PyTorch order)
 * @param type   storage type
 * @param offset byte offset of the tensor's data, relative to the start of the tensor-data section
 */
public record GgufTensorInfo(String name, long[] ne, GgmlType type, long offset) {

    public GgufTensorInfo {
        ne = ne.clone();
    }

    @Override
    public long[] ne() {
        return ne.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : ne) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes of data: elementCount / blockSize blocks of typeSize bytes each. */
    public long byteSize() {
        return elementCount() / type.blockSize() * type.typeSize();
    }

    /** PyTorch-order shape: ne reversed. */
    public long[] shape() {
        long[] shape = new long[ne.length];
        for (int i = 0; i < ne.length; i++) {
            shape[i] = ne[ne.length - 1 - i];
        }
        return shape;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(ne, t.ne)
                && type == t.type && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(ne);
    }

    @Override
    public String toString() {
        return name + " " + type + " ne=" + Arrays.toString(ne) + " @" + offset;
    }
}
