package attendfirst.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * A single weights file read through memory maps of its open channel (GGUF, safetensors): the mapping and the
 * closing both formats share.
 *
 * @param <E> what the format keeps per tensor
 */
public abstract class MappedTensorFile<E> extends NamedTensors<E> {
    protected final Path path;
    private final FileChannel channel;

    /** {@code format} names the file in errors, e.g. "GGUF file". */
    protected MappedTensorFile(Path path, FileChannel channel, Map<String, E> byName, String format) {
        super(byName, format + " " + path);
        this.path = path;
        this.channel = channel;
    }

    /** {@code size} bytes from {@code position}, little-endian; a failure names tensor {@code name}. */
    protected final ByteBuffer map(long position, long size, String name) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, position, size).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("mapping tensor " + name + " of " + path + " (closed?)", e);
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + path, e);
        }
    }
}
