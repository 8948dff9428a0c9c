/**
 * The tasks' data: the built-in tables and articles, and the loaders of SQuAD and CNN/DM files.
 *
 * <p>Part of the task layer; its classes may use the rest of task.
 *
 * <p>Layer 7 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention.
 * It may not import sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.task.data;
