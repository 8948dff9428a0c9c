/**
 * Estimates without weights: what a run of a sweep plan will cost per model (passes, tokens, peak memory,
 * time) and whether it fits ({@code Planner}, {@code RunEstimate}, {@code Calibration}), sizing row batches
 * with the engine's own rule (sweep's {@code MemoryBudget}).
 *
 * <p>Layer 9 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task, sweep.
 * It may not import claim, report, run: those sit above it.
 */
package attendfirst.plan;
