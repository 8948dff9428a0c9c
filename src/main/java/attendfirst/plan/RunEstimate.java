package attendfirst.plan;

import attendfirst.sweep.MemoryModel;
import attendfirst.sweep.MemoryBudget;
import attendfirst.model.ModelConfig;
import attendfirst.sweep.SweepPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a claims run of one model will do, from its configuration, the tasks and the sweep plan: the grid cells,
 * the rows (manipulated runs), the forward passes and tokens, the peak device memory and the time. It mirrors
 * {@code TaskSweep} and {@code SwitchExperiment}: per example a clean pass and a baseline generation, then for
 * random and shuffle |k| x seeds rows, for freeze and skip-attention |k| rows, each recomputing the prompt from
 * layer k and generating up to the task's token limit; the switch experiment adds switchExamples x switchPairs
 * x |k| rows on capitals. The engine takes the runs of up to {@code TaskSweep.CHUNK_EXAMPLES} examples at once
 * (their clean traces held) and cuts them into row batches sized from the memory budget ({@link MemoryBudget}),
 * so the peak is the weights, those clean traces and {@code workers} batches at the longest prompt.
 *
 * @param model       fixture name
 * @param config      model configuration
 * @param dtype       compute dtype name
 * @param deviceBytes memory of the device the plan is for
 * @param cells       sweep grid cells (task x manipulation x k x seed)
 * @param rows        manipulated runs (a prompt recomputed from k, then generation)
 * @param passes      forward passes over a row: one prefill plus one per decoding step (upper bound)
 * @param tokens      positions run through the layers, weighted by the share of layers they pass
 * @param flops       matrix-product operations of the whole run
 * @param seconds     flops / throughput + engine layer calls x operations x seconds per operation
 * @param rowsPerBatch rows of one engine batch at the longest prompt (from the memory budget, or the plan's fixed
 *                    batch budget; at most the rows of a chunk of examples)
 * @param maxRows     the most rows per batch the memory budget allows at that task (what an unset batch budget uses)
 * @param promptsInFlight clean traces held at once (examples whose runs go to the engine together)
 * @param workers     row batches side by side (the plan's workers)
 * @param promptTokens longest prompt of the task with the highest peak
 * @param newTokens   that task's generated tokens
 * @param peakBytes   peak device memory ({@link MemoryModel#peakBytes}) of the task with the highest peak
 * @param memory      the memory model
 * @param calibration the throughput used
 * @param tasks       the task shapes
 * @param taskRows    rows per engine batch of each task, in task order (0: not even one row fits)
 */
public record RunEstimate(String model, ModelConfig config, String dtype, long deviceBytes, long cells, long rows,
                          long passes, long tokens, double flops, double seconds, int rowsPerBatch, int maxRows, int promptsInFlight, int workers,
                          int promptTokens, int newTokens, long peakBytes, MemoryModel memory, Calibration calibration, List<TaskShape> tasks,
                          List<Integer> taskRows) {

    /** Examples whose runs go to the engine together ({@code TaskSweep.CHUNK_EXAMPLES}). */
    static final int CHUNK_EXAMPLES = 32;

    public static RunEstimate of(String model, ModelConfig c, String dtype, int bytes, List<TaskShape> tasks,
                                 SweepPlan plan, boolean gpu, long deviceBytes, Calibration calibration) {
        return of(model, c, dtype, bytes, bytes, tasks, plan, gpu, deviceBytes, calibration);
    }

    /** As above, with the projection weights held in {@code productBytes} per value (2: bfloat16 products). */
    public static RunEstimate of(String model, ModelConfig c, String dtype, int bytes, int productBytes,
                                 List<TaskShape> tasks, SweepPlan plan, boolean gpu, long deviceBytes,
                                 Calibration calibration) {
        MemoryModel mem = new MemoryModel(c, bytes, productBytes);
        int nLayers = c.nLayers();
        int[] ks0 = plan.layers(0, nLayers);
        int[] ks1 = plan.layers(1, nLayers);
        int seeds = plan.seeds();
        double frac0 = share(ks0, nLayers);
        double frac1 = share(ks1, nLayers);
        long cells = 0;
        long rows = 0;
        long passes = 0;
        double tokens = 0;
        double generated = 0;
        long peak = mem.loadPeakBytes();
        int worstPrompt = 1;
        int worstNew = 1;
        int rowsPerBatch = 1;
        int inFlight = 1;
        int maxRows = 0;
        double layerCalls = 0;   // engine layer calls: a batch of rows goes through a layer in one call
        List<Integer> taskRows = new ArrayList<>();
        for (TaskShape t : tasks) {
            int kindRows0 = ks0.length * seeds;
            long perExampleRows = 2L * kindRows0 + ks1.length + ks0.length;
            cells += perExampleRows;
            rows += perExampleRows * t.examples();
            int steps = t.maxNewTokens() - 1;
            double rowTokens = t.meanPromptTokens() * ((2.0 * kindRows0 + ks0.length) * frac0 + ks1.length * frac1)
                    + perExampleRows * steps;
            tokens += t.examples() * (t.meanPromptTokens() + steps + rowTokens);
            passes += t.examples() * (1L + steps + perExampleRows * t.maxNewTokens());
            generated += t.examples() * (perExampleRows + 1.0) * t.maxNewTokens();
            if (t.knownPool() > 0) {
                tokens += t.knownPool() * (t.meanPromptTokens() + steps);
                passes += (long) t.knownPool() * t.maxNewTokens();
                generated += (double) t.knownPool() * t.maxNewTokens();
            }
            int prompts = Math.max(1, Math.min(CHUNK_EXAMPLES, Math.max(t.examples(), t.knownPool())));
            long chunkRows = (long) prompts * (perExampleRows + 1);
            int batch = (int) Math.min(chunkRows, MemoryBudget.rowsPerBatch(mem, plan, gpu, deviceBytes,
                    t.maxPromptTokens(), t.maxNewTokens(), prompts));
            // no row fits: the peak of a single row says by how much
            long p = mem.peakBytes(Math.max(batch, 1), t.maxPromptTokens(), t.maxNewTokens(), prompts, plan.workers());
            if (batch == 0) {
                p = Math.max(p, deviceBytes + 1);
            }
            taskRows.add(batch);
            long taskPasses = t.examples() * (1L + steps + perExampleRows * t.maxNewTokens())
                    + (long) t.knownPool() * t.maxNewTokens();
            layerCalls += (double) taskPasses / Math.max(batch, 1) * nLayers;
            if (p >= peak) {
                peak = p;
                worstPrompt = t.maxPromptTokens();
                worstNew = t.maxNewTokens();
                inFlight = prompts;
                rowsPerBatch = batch;
                maxRows = MemoryBudget.rowsPerBatch(mem, plan.withBatchBudget(SweepPlan.AUTO), gpu, deviceBytes,
                        t.maxPromptTokens(), t.maxNewTokens(), prompts);
            }
            if (t.name().equals("capitals")) {
                long switchRows = (long) plan.switchExamples() * plan.switchPairs() * ks0.length;
                rows += switchRows;
                tokens += switchRows * (t.meanPromptTokens() * frac0 + steps);
                passes += switchRows * t.maxNewTokens();
                layerCalls += (double) switchRows * t.maxNewTokens() / Math.max(batch, 1) * nLayers;
                generated += switchRows * t.maxNewTokens();
            }
        }
        double flops = 2.0 * mem.layerParameters() * tokens + 2.0 * c.vocabSize() * c.dim() * generated;
        // per-operation costs scale with the engine's layer calls (each task's passes / its rows per batch, times
        // the layers) times the operations of a layer call
        double seconds = flops / calibration.flopsPerSecond()
                + layerCalls * Calibration.OPS_PER_LAYER_CALL * calibration.secondsPerOp();
        return new RunEstimate(model, c, dtype, deviceBytes, cells, rows, passes, Math.round(tokens), flops,
                seconds, rowsPerBatch, maxRows, inFlight, plan.workers(), worstPrompt, worstNew, peak, mem,
                calibration, List.copyOf(tasks), List.copyOf(taskRows));
    }

    /** Mean share of the layers a row recomputes: (L - k) / L over the swept k. */
    private static double share(int[] ks, int nLayers) {
        double s = 0;
        for (int k : ks) {
            s += (nLayers - k) / (double) nLayers;
        }
        return s / ks.length;
    }

    public boolean fits() { return rowsPerBatch >= 1 && peakBytes <= deviceBytes; }

    /** Bytes one row of a batch takes at the peak: its KV cache, newest inputs and share of the working set. */
    public long bytesPerRow() {
        int rows = Math.max(rowsPerBatch, 1);
        return memory.batchBytes(rows, promptTokens, newTokens, Math.min(rows, promptsInFlight)) / rows;
    }

    /** Why the run will not fit and what would; empty when it fits. */
    public String refusal(RunEstimate inFloat16, RunEstimate withoutLongestTask) {
        if (fits()) {
            return "";
        }
        List<String> would = new ArrayList<>();
        if (inFloat16 != null && inFloat16.fits()) {
            would.add("dtype float16 (peak " + gb(inFloat16.peakBytes) + ")");
        }
        int max = maxRows;
        if (max >= 1 && max < rowsPerBatch) {
            would.add("row batches of at most " + max + " rows (this plan's batches hold " + rowsPerBatch
                    + ": leave -Dattendfirst.batchBudget unset, or lower it, so batches are sized from memory)");
        }
        if (withoutLongestTask != null && withoutLongestTask.fits()) {
            would.add("fewer tasks: " + withoutLongestTask.tasks.stream().map(TaskShape::name).toList()
                    + " (peak " + gb(withoutLongestTask.peakBytes) + ")");
        }
        String what = would.isEmpty() ? "nothing in this plan: the weights alone take " + gb(memory.weightBytes())
                + (dtype.equals("float16") ? "; a device with more memory is needed" : "; try float16")
                : String.join("; or ", would);
        return String.format(Locale.ROOT, "REFUSED: %s in %s needs %s at its peak (weights %s + %d clean traces x %s"
                + " + batches of %d rows x %s) but the device has %s. Would fit: %s", model, dtype, gb(peakBytes),
                gb(memory.weightBytes()), promptsInFlight, gb(memory.cleanTraceBytes(promptTokens)), rowsPerBatch,
                gb(bytesPerRow()), gb(deviceBytes), what);
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s (%s layers, dim %d, %d/%d heads, vocab %d) in %s%n", model,
                config.nLayers(), config.dim(), config.nHeads(), config.nKvHeads(), config.vocabSize(), dtype));
        for (int i = 0; i < tasks.size(); i++) {
            TaskShape t = tasks.get(i);
            b.append(String.format(Locale.ROOT, "  task %-10s %4d examples, prompts ~%.0f tokens (max %d), up to %d"
                    + " new tokens%s; row batches of %d%n", t.name(), t.examples(), t.meanPromptTokens(),
                    t.maxPromptTokens(), t.maxNewTokens(),
                    t.knownPool() > 0 ? ", known examples drawn from " + t.knownPool() : "", taskRows.get(i)));
        }
        b.append(String.format(Locale.ROOT, "  cells %d, manipulated rows %d, forward passes %d, tokens %d (%.3g FLOP)%n",
                cells, rows, passes, tokens, flops));
        b.append(String.format(Locale.ROOT, "  memory: weights %s + %d clean traces x %s + batches of %d rows x %s"
                + " (%d-token prompt, %d new) = peak %s of %s%n", gb(memory.weightBytes()), promptsInFlight,
                gb(memory.cleanTraceBytes(promptTokens)), rowsPerBatch, gb(bytesPerRow()), promptTokens, newTokens,
                gb(peakBytes), gb(deviceBytes)));
        b.append(String.format(Locale.ROOT, "  max rows per batch within the memory budget: %d%n", maxRows));
        b.append(String.format(Locale.ROOT, "  time: %s (%s)%n", duration(seconds), calibration.source()));
        return b.toString();
    }

    static String gb(long bytes) {
        return MemoryBudget.size(bytes);
    }

    static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
