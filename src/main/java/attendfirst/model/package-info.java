/**
 * The model: its configuration ({@code ModelConfig}, {@code ConfigReader}), its weights on the device
 * ({@code WeightLoader}, {@code ModelLoader}, {@code LoadedModel}), the one forward pass layer by layer
 * ({@code DecoderModel}, {@code Forward}, {@code KvCache}) and DJL's engine start ({@code EngineStart}, the one
 * class below run/, with fixture.Project, that reads system properties: DJL's own {@code ai.djl.*} threads and offline settings and
 * {@code attendfirst.device}, when the engine starts).
 *
 * <p>Layer 4 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io, tokenizer.
 * It may not import precision, intervention, task, sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.model;
