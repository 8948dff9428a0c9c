/**
 * Reading weights: the {@link attendfirst.io.TensorSource} every model loader codes against, with two
 * implementations, {@code io.gguf} (llama.cpp's GGUF, dequantised to float32) and {@code io.safetensors}
 * (Hugging Face checkpoints, single or sharded). Every bad input raises {@link attendfirst.io.ModelFormatException}
 * naming the file and the item. Test vectors come from tools/io_*.py (the Python gguf and safetensors packages).
 *
 * <p>Layer 2 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture.
 * It may not import tokenizer, model, precision, intervention, task, sweep, plan, claim, report, run
 * (those sit above it).
 */
package attendfirst.io;
