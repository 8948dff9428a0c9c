/**
 * The paper's manipulations of the residual stream as small named values ({@code Manipulation}: random,
 * shuffle, freeze, switch, skip-attention from layer k), the seeded noise they draw ({@code Noise}) and the
 * positions they touch ({@code Positions}). Each value carries its behaviour; engines ask, they never test the
 * type.
 *
 * <p>Layer 6 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision.
 * It may not import task, sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.intervention;
