package attendfirst.io.gguf;

import java.nio.file.Path;

/**
 * Times dequantising every tensor of GGUF files (run by tools/io_bench_dequantize.py, next to the Python
 * gguf package's time for the same files). Prints one line per file and pass: the first pass includes JIT
 * warm-up and page-cache effects, the later ones show steady state.
 */
public final class DequantizeBench {
    private DequantizeBench() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            Path path = Path.of(arg);
            for (int pass = 1; pass <= 3; pass++) {
                try (GgufFile gguf = GgufFile.open(path)) {
                    long start = System.nanoTime();
                    double checksum = 0;
                    for (String name : gguf.tensorNames()) {
                        float[] v = gguf.readFloat32(name);
                        checksum += v[v.length / 2];
                    }
                    System.out.printf("java %s pass %d: %.3f s (checksum %.6g)%n", path.getFileName(), pass,
                            (System.nanoTime() - start) / 1e9, checksum);
                }
            }
        }
    }
}
