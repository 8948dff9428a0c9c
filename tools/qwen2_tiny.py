#!/usr/bin/env python3
"""Tiny random-weight replicas for issue 21: a Qwen2 decoder and a Llama with Llama 3.x scaled RoPE, with
float32 references from HF transformers, and the paper's five manipulations on the Qwen2 replica computed
with HF forward hooks (tools/golden_hooks.py semantics).

Usage: python3 tools/qwen2_tiny.py
Writes src/test/resources/tiny/:
  tiny-qwen2/{config.json, model.safetensors}             Qwen2ForCausalLM, untied output, q/k/v biases
  tiny-qwen2-reference.json                               logits, every layer input, greedy (golden_tiny format)
  tiny-qwen2-manipulations.json                           last-position logits of random, shuffle, freeze,
                                                          skip-attention and inject at every k
  tiny-llama3rope/{config.json, model.safetensors}        LlamaForCausalLM, rope_scaling type llama3
  tiny-llama3rope-reference.json                          as above

The weights are our own seeded draws (golden_tiny.randomise), biases included and large enough to matter:
the script checks that zeroing the biases, or dropping the RoPE scaling, changes the logits visibly, so a
Java forward pass that ignored either could not pass the tests. random(k) and shuffle(k) draw their noise with
the Java generator (attendfirst.intervention.Noise: SplittableRandom keyed by seed, example, layer, position),
re-implemented here bit for bit; the reference records the first permutation and noise values so the Java test
checks that the two generators agree before it compares logits.
"""
import math

import golden_common as gc
import golden_hooks as hooks
import golden_tiny as gt

SEQ = gt.SEQ_B            # 12 tokens: the manipulated prompt
SOURCE = gt.SEQ_A         # 7 tokens: inject's source prompt (its last position's layer-k input)
INJECT_POSITION = 5
NOISE_SEED = 7
MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------------------------
# java.util.SplittableRandom (Java 17) and attendfirst.intervention.Noise, re-implemented


def _mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def _mix32(z):
    z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
    return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32


class SplittableRandom:
    GOLDEN_GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.seed = seed & MASK64

    def _next_seed(self):
        self.seed = (self.seed + self.GOLDEN_GAMMA) & MASK64
        return self.seed

    def next_long(self):
        return _mix64(self._next_seed())

    def next_int(self):
        v = _mix32(self._next_seed())
        return v - (1 << 32) if v >= 1 << 31 else v

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_int_bounded(self, bound):
        # RandomSupport.boundedNextInt(rng, bound)
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if ((u + m - r) & 0xFFFFFFFF) < (1 << 31):   # no int overflow in u + m - r
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def _java_long(x):
    x &= MASK64
    return x


def noise_generator(seed, example, layer, position):
    key = _mix64(_java_long(seed ^ 0x9E3779B97F4A7C15))
    key = _mix64(key ^ _java_long(example * 0xD6E8FEB86659FD93 + 3))
    key = _mix64(key ^ _java_long(layer * 0xBF58476D1CE4E5B9 + 1))
    key = _mix64(key ^ _java_long(position * 0x94D049BB133111EB + 2))
    return SplittableRandom(key)


def noise_like(h, seed, example, layer, position):
    """Noise.randomLike: Box-Muller normals in double, rescaled to |h|, rounded to float32 by the caller."""
    r = noise_generator(seed, example, layer, position)
    n = len(h)
    z = [0.0] * n
    for i in range(0, n, 2):
        u1 = 1.0 - r.next_double()
        u2 = r.next_double()
        radius = math.sqrt(-2.0 * math.log(u1))
        z[i] = radius * math.cos(2 * math.pi * u2)
        if i + 1 < n:
            z[i + 1] = radius * math.sin(2 * math.pi * u2)
    scale = math.sqrt(sum(float(x) * float(x) for x in h)) / math.sqrt(sum(v * v for v in z))
    return [v * scale for v in z]


def permutation(n, seed, example, layer, position):
    r = noise_generator(seed, example, layer, position)
    perm = list(range(n))
    for i in range(n - 1, 0, -1):
        j = r.next_int_bounded(i + 1)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def java_random(torch, model, k, seed):
    layers = model.model.layers

    def hook(module, args, kwargs):
        h = hooks._input_of(args, kwargs).clone()
        for pos in range(h.shape[1] - 1):
            row = h[0, pos].double().tolist()
            h[0, pos] = torch.tensor(noise_like(row, seed, 0, k, pos), dtype=torch.float64).to(h.dtype)
        return hooks._replace_input(args, kwargs, h)
    return [layers[k].register_forward_pre_hook(hook, with_kwargs=True)]


def java_shuffle(torch, model, k, seed):
    layers = model.model.layers

    def hook(module, args, kwargs):
        h = hooks._input_of(args, kwargs).clone()
        for pos in range(h.shape[1] - 1):
            perm = permutation(h.shape[2], seed, 0, k, pos)
            h[0, pos] = h[0, pos, perm]
        return hooks._replace_input(args, kwargs, h)
    return [layers[k].register_forward_pre_hook(hook, with_kwargs=True)]


# ---------------------------------------------------------------------------------------------
# the replicas


def make_qwen2(torch):
    from transformers import Qwen2Config, Qwen2ForCausalLM
    # Qwen2.5-0.5B's shape ratios in small: 7 query heads per KV head is kept as 3 (6 / 2), head size 8
    config = Qwen2Config(vocab_size=256, hidden_size=48, intermediate_size=96, num_hidden_layers=3,
                         num_attention_heads=6, num_key_value_heads=2, rope_theta=1000000.0, rms_norm_eps=1e-6,
                         tie_word_embeddings=False, max_position_embeddings=128, use_sliding_window=False,
                         bos_token_id=None, eos_token_id=None, pad_token_id=None, attn_implementation="eager")
    torch.manual_seed(0)
    model = Qwen2ForCausalLM(config).eval()
    gt.randomise(torch, model, seed=2121, std=0.2, norm_is_offset=False)
    biases = [n for n, _ in model.named_parameters() if n.endswith(".bias")]
    if sorted({n.split(".")[-2] for n in biases}) != ["k_proj", "q_proj", "v_proj"]:
        raise SystemExit(f"tiny-qwen2: expected biases on q/k/v only, got {biases}")
    return model


def make_llama3rope(torch):
    from transformers import LlamaConfig, LlamaForCausalLM
    # head size 16, theta 10000, original context 64 with factors 1 / 4: wavelengths 6.3 (kept), 20 and 63
    # (smoothed band), 199 and longer (divided by 8): every branch of the llama3 formula is exercised
    config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=96, num_hidden_layers=3,
                         num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-5,
                         rope_parameters={"rope_type": "llama3", "rope_theta": 10000.0, "factor": 8.0,
                                          "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                          "original_max_position_embeddings": 64},
                         tie_word_embeddings=True, max_position_embeddings=512, bos_token_id=None,
                         eos_token_id=None, pad_token_id=None, attn_implementation="eager")
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).eval()
    gt.randomise(torch, model, seed=3131, std=0.2, norm_is_offset=False)
    return model


def differs(torch, model, alter, what, ids):
    """Checks that `alter` (applied to a copy) moves the logits: the test would notice a Java that skipped it."""
    import copy
    with torch.no_grad():
        base = model(input_ids=torch.tensor([ids]), use_cache=False).logits[0]
        other = copy.deepcopy(model)
        alter(other)
        changed = other(input_ids=torch.tensor([ids]), use_cache=False).logits[0]
    gap = float((base - changed).abs().max())
    if gap < 1e-2:
        raise SystemExit(f"{what} moves the logits by only {gap}: the replica would not detect its absence")
    print(f"  without {what}: max |logit change| {gap:.3g}")
    return gap


def reread(torch, directory, expected, what):
    from transformers import AutoModelForCausalLM
    again = AutoModelForCausalLM.from_pretrained(str(directory), dtype=torch.float32,
                                                 attn_implementation="eager").eval()
    gt.same_logits(torch, expected, again, what)
    return again


def manipulations(torch, model):
    n_layers = len(model.model.layers)
    ids = torch.tensor([SEQ])
    _, clean = hooks.layer_inputs(torch, model, ids)
    _, source = hooks.layer_inputs(torch, model, torch.tensor([SOURCE]))
    runs = []

    def record(kind, k, handles):
        logits = hooks.run(torch, model, ids, handles)[-1]
        runs.append({"manipulation": kind, "k": k, "last_logits": gc.sig_list(logits.tolist())})

    for k in range(n_layers):
        record("random", k, java_random(torch, model, k, NOISE_SEED))
        record("shuffle", k, java_shuffle(torch, model, k, NOISE_SEED))
        if k >= 1:
            record("freeze", k, hooks.freeze(torch, model, k, clean))
        record("skip-attention", k, hooks.skip_attention(torch, model, k))
        record("inject", k, hooks.inject(torch, model, k, INJECT_POSITION, source[k][-1]))
    clean_last = hooks.run(torch, model, ids, [])[-1]
    for r in runs:
        gap = max(abs(a - b) for a, b in zip(r["last_logits"], clean_last.tolist()))
        if gap < 1e-3:
            raise SystemExit(f"{r['manipulation']} k={r['k']} leaves the last logits as they were ({gap})")
    h0 = clean[0][0].double().tolist()
    return {
        "model": "tiny-qwen2", "versions": gc.versions(),
        "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager",
                     "hooks": "tools/golden_hooks.py (freeze, skip_attention, inject, run); random and shuffle with "
                              "the Java generator re-implemented in tools/qwen2_tiny.py"},
        "token_ids": SEQ, "source_token_ids": SOURCE, "inject_position": INJECT_POSITION,
        "inject_source_position": len(SOURCE) - 1, "seed": NOISE_SEED, "example": 0,
        "generator_check": {"layer": 0, "position": 0,
                            "permutation": permutation(len(h0), NOISE_SEED, 0, 0, 0),
                            "noise": gc.sig_list(noise_like(h0, NOISE_SEED, 0, 0, 0))},
        "clean_last_logits": gc.sig_list(clean_last.tolist()),
        "runs": runs,
    }


def main():
    torch = gc.setup_torch()
    out = gc.TINY_DIR

    qwen = make_qwen2(torch)
    def no_biases(m):
        for layer in m.model.layers:
            for proj in (layer.self_attn.q_proj, layer.self_attn.k_proj, layer.self_attn.v_proj):
                proj.bias.zero_()
    differs(torch, qwen, no_biases, "the q/k/v biases", SEQ)
    gt.save_safetensors(qwen, out / "tiny-qwen2")
    qwen = reread(torch, out / "tiny-qwen2", qwen, "tiny-qwen2 re-read")
    gc.write_json_atomic(out / "tiny-qwen2-reference.json", gt.reference(
        torch, qwen, "tiny-qwen2", "Qwen2: Llama plus q/k/v biases; untied output; rope_theta 1e6"))
    gc.write_json_atomic(out / "tiny-qwen2-manipulations.json", manipulations(torch, qwen))

    llama3 = make_llama3rope(torch)

    def plain_rope(m):
        from transformers import LlamaConfig
        from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding
        c = LlamaConfig(**{**m.config.to_dict(), "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0}})
        m.model.rotary_emb = LlamaRotaryEmbedding(config=c)
    differs(torch, llama3, plain_rope, "the llama3 RoPE scaling", SEQ)
    gt.save_safetensors(llama3, out / "tiny-llama3rope")
    llama3 = reread(torch, out / "tiny-llama3rope", llama3, "tiny-llama3rope re-read")
    inv = llama3.model.rotary_emb.inv_freq
    ref = gt.reference(torch, llama3, "tiny-llama3rope",
                       "Llama with rope_scaling llama3 (factor 8, low 1, high 4, original context 64)")
    ref["inv_freq"] = [float(x) for x in inv.tolist()]
    gc.write_json_atomic(out / "tiny-llama3rope-reference.json", ref)


if __name__ == "__main__":
    main()
