/**
 * What a run leaves for people: the claims summary and expectations, the Allure results, the verdict
 * table, the HTML pages, plots and ladder figures.
 *
 * <p>Layer 11 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task, sweep, plan, claim.
 * It may not import run: those sit above it.
 */
package attendfirst.report;
