/**
 * The tasks' scores: answer normalisation, SQuAD's exact match and F1, ROUGE with the Porter stemmer.
 *
 * <p>Part of the task layer; its classes may use the rest of task.
 *
 * <p>Layer 7 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention.
 * It may not import sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.task.metrics;
