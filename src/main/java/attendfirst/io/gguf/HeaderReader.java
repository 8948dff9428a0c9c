package attendfirst.io.gguf;

import attendfirst.io.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sequential little-endian reads of the GGUF header through a refilled window, so that a header of any
 * size (a 262k-token vocabulary is several MB) is read without mapping the file. Every read names what
 * it is reading, so that a short file fails with "truncated header ... while reading X at offset N".
 */
final class HeaderReader {
    private static final int WINDOW = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart; // file offset of window[0]

    HeaderReader(Path path, FileChannel channel, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        window.limit(0);
    }

    /** File offset of the next byte to be read. */
    long position() {
        return windowStart + window.position();
    }

    long fileSize() {
        return fileSize;
    }

    private void need(long n, String what) {
        if (window.remaining() >= n) {
            return;
        }
        long pos = position();
        if (pos + n > fileSize) {
            throw new ModelFormatException("GGUF file " + path + " is truncated: header needs " + n + " bytes for "
                    + what + " at offset " + pos + " but the file has " + fileSize + " bytes");
        }
        window.compact();
        windowStart = pos; // compact() moved the unread bytes to index 0
        try {
            while (window.position() < n) {
                if (channel.read(window, windowStart + window.position()) < 0) {
                    throw new ModelFormatException("GGUF file " + path + " ended early while reading " + what);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading GGUF header of " + path, e);
        }
        window.flip();
    }

    int u8(String what) { return window(1, what).get() & 0xFF; }

    int u16(String what) { return window(2, what).getShort() & 0xFFFF; }

    long u32(String what) { return window(4, what).getInt() & 0xFFFFFFFFL; }

    int i32(String what) { return window(4, what).getInt(); }

    /** uint64 or int64; a uint64 above Long.MAX_VALUE comes back negative (no real file has one). */
    long i64(String what) { return window(8, what).getLong(); }

    float f32(String what) { return window(4, what).getFloat(); }

    double f64(String what) { return window(8, what).getDouble(); }

    /** The window with at least {@code bytes} bytes of {@code what} ready at its position. */
    private ByteBuffer window(int bytes, String what) {
        need(bytes, what);
        return window;
    }

    private byte[] readDirect(long len, String what) {
        if (len > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("GGUF file " + path + ": " + what + " is " + len + " bytes long");
        }
        long pos = position();
        ByteBuffer bytes = ByteBuffer.allocate((int) len);
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, pos + bytes.position()) < 0) {
                    throw new ModelFormatException("GGUF file " + path + " ended early while reading " + what);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading GGUF header of " + path, e);
        }
        windowStart = pos + len;
        window.clear().limit(0);
        return bytes.array();
    }

    /** gguf_string_t: uint64_t len; char string[len] (UTF-8, no terminator). */
    String string(String what) {
        long len = i64("length of " + what);
        if (len < 0 || len > fileSize - position()) {
            throw new ModelFormatException("GGUF file " + path + " is truncated or corrupt: " + what + " at offset "
                    + position() + " claims " + Long.toUnsignedString(len) + " bytes, only "
                    + (fileSize - position()) + " remain");
        }
        if (len > WINDOW / 2) { // rare (a huge chat template): read it directly, then restart the window after it
            return new String(readDirect(len, what), StandardCharsets.UTF_8);
        }
        need(len, what);
        byte[] bytes = new byte[(int) len];
        window.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
