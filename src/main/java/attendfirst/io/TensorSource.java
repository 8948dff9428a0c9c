package attendfirst.io;

import java.util.Set;

/**
 * A named collection of weight tensors, whatever the file format. Shapes are in PyTorch order
 * (outermost dimension first) and {@link #readFloat32} returns the values row-major in that order,
 * so a model loader never needs to know whether the weights came from GGUF or safetensors.
 */
public interface TensorSource extends AutoCloseable {

    /** Where the tensors come from, e.g. the file path(s); used in error messages. */
    String describe();

    Set<String> tensorNames();

    boolean has(String name);

    /** Shape, outermost first. An unknown name throws {@link ModelFormatException} naming source and tensor. */
    long[] shape(String name);

    /** All elements as float32 (dequantised or converted), row-major in {@link #shape} order. */
    float[] readFloat32(String name);

    @Override
    void close();
}
