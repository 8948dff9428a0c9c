/**
 * The engine: runs a task's examples under every manipulation over the layer grid ({@code TaskSweep},
 * {@code SweepEngine}, {@code Prefill}, {@code Decode}, {@code RowBatch}), the switch experiment, the sweep plan
 * ({@code SweepPlan}) and the engine's memory: row batches sized from the memory a run may hold
 * ({@code MemoryModel}, {@code MemoryBudget}).
 *
 * <p>Layer 8 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task.
 * It may not import plan, claim, report, run: those sit above it.
 */
package attendfirst.sweep;
