/**
 * Numerical guards of the forward pass: overflow checks of the activations in reduced precision
 * ({@code OverflowCheck}, {@code OverflowGuard}) and the error they raise.
 *
 * <p>Layer 5 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model.
 * It may not import intervention, task, sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.precision;
