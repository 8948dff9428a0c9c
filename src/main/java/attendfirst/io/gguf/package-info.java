/**
 * llama.cpp's GGUF format: header, metadata, tensor infos and the dequantisation of its block types to
 * float32, as a {@link attendfirst.io.TensorSource}.
 *
 * <p>Part of the io layer; its classes may use the rest of io.
 *
 * <p>Layer 2 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture.
 * It may not import tokenizer, model, precision, intervention, task, sweep, plan, claim, report, run
 * (those sit above it).
 */
package attendfirst.io.gguf;
