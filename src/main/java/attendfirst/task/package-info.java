/**
 * The tasks and their examples: capitals (known and full), arithmetic, SQuAD, CNN/DM, built by name from
 * a spec ({@code TaskRegistry}, {@code TaskSpec}), with their prompts, stop rules and scores. Which tasks a run
 * has is the run's configuration (run/).
 *
 * <p>Layer 7 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention.
 * It may not import sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.task;
