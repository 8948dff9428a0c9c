/**
 * The statistics behind the judging: intervals of means and contrasts, the sequential design's alpha
 * spending.
 *
 * <p>Part of the claim layer; its classes may use the rest of claim.
 *
 * <p>Layer 10 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task, sweep, plan.
 * It may not import report, run: those sit above it.
 */
package attendfirst.claim.stats;
