package attendfirst.sweep;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import attendfirst.model.LoadedModel;
import attendfirst.fixture.ProductDtype;
import attendfirst.model.ModelConfig;

import java.util.Locale;

/**
 * Memory-aware row batches: the engine's rows x columns per batch from the memory a run may hold besides the
 * weights ({@link SweepPlan#memoryBudget}), through {@link MemoryModel#maxRowsWithin}. The same rule sizes the
 * batches of a run ({@link #of}) and of its {@code --plan} ({@link #rowsPerBatch}).
 *
 * <p>The memory a run may hold besides the weights, unless {@code attendfirst.memoryBudget} says:
 * <ul>
 *   <li>on a GPU, {@link #GPU_FRACTION} of the device's total memory less the weights. Not CUDA's free memory
 *       ({@code CudaUtils.getGpuMemory}, which DJL exposes): PyTorch's caching allocator keeps the blocks a batch
 *       freed reserved, so read after the first batch the free memory would shrink every later budget; the
 *       fraction leaves room for the CUDA context and the allocator's fragmentation.</li>
 *   <li>on the CPU, {@link #CPU_DEFAULT} of native memory (PyTorch's CPU allocator, outside the Java heap); the
 *       batches are further capped at {@link SweepEngine#cpuBudget}, the fastest on 2 CPU cores for the task's
 *       decoding length (BENCHMARKS.md), since on the CPU bigger batches cost time and gain nothing.</li>
 * </ul>
 */
public final class MemoryBudget {
    /** Share of a GPU's total memory the weights and a run may take. */
    public static final double GPU_FRACTION = 0.9;
    /** Native memory a CPU run may hold besides the weights. */
    public static final long CPU_DEFAULT = 4L << 30;

    private MemoryBudget() {
    }

    /** The engine's batch budget for a run of {@code plan} on {@code model}'s device. */
    public static SweepEngine.Budget of(LoadedModel model, SweepPlan plan) {
        if (plan.batchBudget() != SweepPlan.AUTO) {
            return SweepEngine.Budget.fixed(plan.batchBudget());
        }
        int bytes = bytes(model.dtype());
        // bfloat16 products hold the projection weights in 2 bytes; activations stay in the compute dtype
        MemoryModel memory = new MemoryModel(model.config(), bytes,
                model.products() == ProductDtype.BFLOAT16 ? 2 : bytes);
        boolean gpu = model.device().isGpu();
        long total = gpu ? CudaUtils.getGpuMemory(model.device()).getMax() : 0;
        long working = workingBytes(plan, gpu, total, memory.weightBytes());
        String name = model.name();
        return (width, newTokens, prompts) -> {
            int rows = memory.maxRowsWithin(working, width, newTokens, prompts, plan.workers());
            if (rows < 1) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: not even one row of %d + %d columns"
                        + " fits with %d clean traces in the run's memory budget of %s besides the weights (%s);"
                        + " raise -Dattendfirst.memoryBudget, or run fewer workers, a smaller dtype or shorter tasks",
                        name, width, newTokens, prompts, size(working), size(memory.weightBytes())));
            }
            return budget(rows, width + newTokens, newTokens, gpu);
        };
    }

    /** Rows per batch a run would use at this width (the same rule as {@link #of}); 0 when none fits. */
    public static int rowsPerBatch(MemoryModel memory, SweepPlan plan, boolean gpu, long deviceBytes, int width,
                                   int newTokens, int prompts) {
        int columns = width + newTokens;
        if (plan.batchBudget() != SweepPlan.AUTO) {
            return Math.max(1, plan.batchBudget() / columns);
        }
        long working = workingBytes(plan, gpu, deviceBytes, memory.weightBytes());
        int rows = memory.maxRowsWithin(working, width, newTokens, prompts, plan.workers());
        return rows < 1 ? 0 : Math.max(1, budget(rows, columns, newTokens, gpu) / columns);
    }

    /** Memory besides the weights: the plan's, else the device's default (see the class comment). */
    public static long workingBytes(SweepPlan plan, boolean gpu, long deviceBytes, long weightBytes) {
        if (plan.memoryBudget() != SweepPlan.AUTO) {
            return plan.memoryBudget();
        }
        return gpu ? (long) (GPU_FRACTION * deviceBytes) - weightBytes : CPU_DEFAULT;
    }

    private static int budget(int rows, int columns, int newTokens, boolean gpu) {
        long b = (long) rows * columns;
        if (!gpu) {
            b = Math.min(b, SweepEngine.cpuBudget(newTokens));
        }
        return (int) Math.max(Math.min(b, Integer.MAX_VALUE), 1);
    }

    /** A size for messages: "512.0 KiB", "3.5 MiB", "4.00 GiB". */
    public static String size(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    static int bytes(DataType dtype) {
        return switch (dtype) {
            case FLOAT16, BFLOAT16 -> 2;
            case FLOAT64 -> 8;
            default -> 4;
        };
    }
}
