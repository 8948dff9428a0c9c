/**
 * attend-first: the claims of "Attend First, Consolidate Later" checked on real models.
 *
 * <p>Packages follow the data's path. Layers, bottom up: fixture, io, tokenizer, model, precision, intervention,
 * task, sweep, plan, claim, report, run. A package may import the layers below its own and none above; each
 * package-info states its list, and {@code LayeringTest} checks exactly those lists (imports and fully qualified
 * names alike, through the compiled classes).
 */
package attendfirst;
