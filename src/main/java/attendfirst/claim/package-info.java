/**
 * The claims as data ({@code ClaimCatalogue}, {@code Claim}) and their judging: comparisons of sweep
 * curves, intervals and sequential looks ({@code ClaimJudge}, {@code SequentialRun}, {@code ScoreIntervals}) ending
 * in a {@code Verdict}. Sweeps come through the {@code SweepProvider} interface.
 *
 * <p>Layer 10 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task, sweep, plan.
 * It may not import report, run: those sit above it.
 */
package attendfirst.claim;
