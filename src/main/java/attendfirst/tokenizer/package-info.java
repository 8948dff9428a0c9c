/**
 * Text to token ids and back, with the ids HF transformers gives for the same vocabulary.
 *
 * <p>Entry points: {@link attendfirst.tokenizer.Tokenizers#fromGguf} builds the tokenizer a GGUF
 * file describes (byte-level BPE for tokenizer.ggml.model = gpt2, SentencePiece BPE for llama),
 * {@link attendfirst.tokenizer.Tokenizers#fromHfDirectory} runs a tokenizer.json through DJL.
 * Both return an immutable {@link attendfirst.tokenizer.Tokenizer}; encoding keeps no state between
 * calls. The golden ids are written by tools/tokenizer_golden.py from transformers' tokenizer
 * built from the same GGUF, so where transformers and llama.cpp differ (noted in the classes),
 * this package follows transformers.
 *
 * <p>Layer 3 of 12, bottom up (the order is in package {@code attendfirst}; {@code LayeringTest} checks it).
 * May import: fixture, io.
 * It may not import model, precision, intervention, task, sweep, plan, claim, report, run: those sit above it.
 */
package attendfirst.tokenizer;
