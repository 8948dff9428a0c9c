/**
 * The entry points and the run's configuration: {@code RunConfig} is the one reader of the run's
 * properties ({@code attendfirst.*}, which the pom's {@code claims.*} feed) and every {@code main} lives here
 * ({@code PlanMain}, {@code GpuCheck}, {@code ExampleDump}, ...). Project settings are read here and nowhere
 * below (the one exception, checked by {@code LayeringTest}: {@code model.EngineStart} at the engine's start,
 * for DJL's own settings and {@code attendfirst.device}).
 *
 * <p>Layer 12 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer, model, precision, intervention, task, sweep, plan, claim, report.
 * Nothing sits above it.
 */
package attendfirst.run;
