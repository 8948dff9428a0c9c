package attendfirst.plan;

import attendfirst.sweep.MemoryModel;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.HubCache;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ModelLocator;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import attendfirst.sweep.Generation;
import attendfirst.sweep.SweepEngine;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memory estimate of {@code --plan} against what a run really holds, on the tiny paper checkpoints.
 *
 * <p>Measured: the weights as the bytes of the NDArrays live under the model's manager at rest (one handle per
 * weight: the loader closes the originals of its transposed views), plus the peak rise of the native heap while
 * the engine prepares the clean pass and runs the batch: glibc's bytes in use (mallinfo2, arenas plus mmapped
 * chunks) less the JVM's direct buffers (DJL's host staging of arrays made from Java data, freed only by a
 * garbage collection; host memory on a GPU), sampled by a second thread, over the value just before. PyTorch's CPU
 * allocator takes its memory there; the JVM heap is not malloc'd. Not RSS: freed memory stays resident, and the JVM's own would drown tiny
 * models. A run on a GPU would read the device's allocator instead.
 */
@Epic("Attend First, Consolidate Later")
@Feature("Run plan")
public class MemoryEstimateTest {
    /** The bound on |estimate - measured| / measured. */
    static final double BOUND = 0.25;
    /**
     * Rows of one engine batch: SEEDS random(k, seed) rows per k generating 24 tokens; the engine's budget is
     * SEEDS x (prompt + 24) columns, so each k is one batch of SEEDS rows and batches run one after another (one
     * worker): the peak is the weights, the clean trace and the largest batch (k = 0, every layer recomputed).
     * Many rows make the batch's own arrays dominate malloc's noise (a few MB of allocator and thread state).
     */
    static final int SEEDS = 96;

    static java.util.stream.Stream<Arguments> models() {
        return java.util.stream.Stream.of("llama2-7b", "mistral-7b-v0.1", "yi-6b", "llemma-7b")
                .map(n -> Arguments.argumentSet(n, n));
    }


    public static LoadedModel tiny(String name) {
        HubCache hub = new HubCache(Path.of("src/test/resources/paper/hub").toAbsolutePath(),
                URI.create("http://127.0.0.1:9"), null, true);
        return new ModelLoader(new ModelLocator(hub)).load(ModelFixtures.load().get(name), Device.cpu(), DataType.FLOAT32);
    }

    /**
     * glibc's malloc statistics, where PyTorch's CPU allocator takes its memory (posix_memalign): bytes in use in
     * the arenas plus mmapped chunks. The JVM's heap is mapped by the JVM itself and does not count.
     */
    static final class Malloc {
        interface C extends com.sun.jna.Library {
            C LIB = com.sun.jna.Native.load("c", C.class);

            MallInfo2.ByValue mallinfo2();
        }

        @com.sun.jna.Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost"})
        public static class MallInfo2 extends com.sun.jna.Structure {
            public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;

            public static class ByValue extends MallInfo2 implements com.sun.jna.Structure.ByValue {
            }
        }

        static long inUse() {
            MallInfo2 i = C.LIB.mallinfo2();
            return i.uordblks + i.hblkhd;
        }

        /**
         * The JVM's direct buffers, also malloc'd: DJL stages every array it creates from Java data (masks,
         * positions, token ids) in one, which stays allocated until a garbage collection frees it. On a GPU that
         * staging is host memory, not the device's, so the device-side figure leaves it out.
         */
        static long direct() {
            for (java.lang.management.BufferPoolMXBean pool
                    : java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    return pool.getMemoryUsed();
                }
            }
            return 0;
        }

        /**
         * malloc'd bytes in use less the JVM's direct buffers: what PyTorch's allocator holds (and small change).
         * The direct count is read before and after and the larger taken: a garbage collection freeing buffers
         * between the two reads must not count their bytes as arrays (the JVM's count also leads its mallocs and
         * trails its frees, so this errs low, never high).
         */
        static long arrays() {
            long before = direct();
            long used = inUse();
            return used - Math.max(before, direct());
        }
    }

    static long liveBytes(NDManager manager) {
        long sum = 0;
        for (NDArray a : manager.getManagedArrays()) {
            try {
                if (!a.isReleased()) {
                    sum += a.getShape().size() * a.getDataType().getNumOfBytes();
                }
            } catch (RuntimeException closedMeanwhile) {
                // released between the check and the read: it no longer counts
            }
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("models")
    void estimatedPeakMatchesTheMeasuredPeakOfABatch(String name) throws Exception {
        try (LoadedModel m = tiny(name)) {
            // GIVEN the tiny model, the capitals prompt and batches of random(k, seed) rows generating 24 tokens
            int[] ids = m.tokenizer().encode("Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A:").ids();
            List<Manipulation> rows = new ArrayList<>();
            for (int k = 0; k < m.config().nLayers(); k++) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    rows.add(Manipulation.random(k, seed));
                }
            }
            int newTokens = 24;
            SweepEngine engine = new SweepEngine(m.model(), SEEDS * (ids.length + newTokens));
            NDManager manager = m.model().manager();
            // WHEN the engine runs the batch (after warm-up runs, so the JIT's own mallocs have settled) while a
            // sampler reads malloc's bytes in use; the median of three runs' peaks
            Generation gen = new Generation(newTokens, t -> false);
            for (int rep = 0; rep < 3; rep++) {
                try (Forward.Trace clean = engine.prepare(ids)) {
                    engine.run(ids, clean, rows, gen);
                }
            }
            // at rest: the weights and tables. wo, w2 and an untied output are transposed views whose originals
            // stay open (their storage is the Java buffer the original holds): counted once, not twice
            var c = m.config();
            long views = ((long) c.nLayers() * ((long) c.dim() * c.qDim() + (long) c.dim() * c.hiddenDim())
                    + (c.tiedEmbeddings() ? 0 : (long) c.vocabSize() * c.dim())) * 4;
            long weights = liveBytes(manager) - views;
            long[] rises = new long[3];
            for (int rep = 0; rep < rises.length; rep++) {
                System.gc();   // frees the staging buffers of earlier runs: a low, steady base
                Thread.sleep(200);
                long base = Malloc.arrays();
                AtomicLong high = new AtomicLong(base);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (running.get()) {
                        high.accumulateAndGet(Malloc.arrays(), Math::max);
                    }
                });
                sampler.start();
                try (Forward.Trace clean = engine.prepare(ids)) {
                    engine.run(ids, clean, rows, gen);
                } finally {
                    running.set(false);
                    sampler.join();
                }
                rises[rep] = high.get() - base;
            }
            java.util.Arrays.sort(rises);
            System.out.printf("memory %s: peak rises over three runs %s%n", name, java.util.Arrays.toString(rises));
            AtomicLong peak = new AtomicLong(weights + rises[1]);
            // THEN the estimate for that many rows and positions is within the bound of the measured peak
            MemoryModel model = new MemoryModel(m.config(), 4);
            // on the CPU a step's masks are stored in the direct buffer DJL staged them in (left out of the
            // measurement above); on a GPU they are a device copy, which the estimate counts
            long estimate = model.peakBytes(SEEDS, ids.length, newTokens)
                    - SEEDS * model.maskBytes(ids.length, ids.length);
            double rel = Math.abs(estimate - peak.get()) / (double) peak.get();
            System.out.printf("memory %s: batches of %d rows x %d positions: estimated %d bytes (weights %d),"
                    + " measured peak %d, relative error %.3f%n", name, SEEDS, ids.length + newTokens, estimate,
                    model.weightBytes(), peak.get(), rel);
            assertThat(rel).as("%s: |estimate %d - measured %d| / measured (bound %s, the issue's)", name, estimate,
                    peak.get(), BOUND).isLessThanOrEqualTo(BOUND);
        }
    }
}
