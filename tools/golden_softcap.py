#!/usr/bin/env python3
"""Reference logits of tiny-gemma3 with the config's soft-capping fields set.

Gemma 3 ships without soft-capping, so neither real golden file exercises it. This loads
src/test/resources/tiny/tiny-gemma3 with attn_logit_softcapping and final_logit_softcapping set, runs
sequence B (12 tokens, longer than the sliding window) through HF transformers (float32, eager) and
writes the logits at every position to src/test/resources/tiny/tiny-gemma3-softcap-reference.json.

Self-checks, which also record what transformers 5.24 does with the two fields for Gemma 3:
- final_logit_softcapping alone moves the logits (c * tanh(z / c) on the LM head output);
- attn_logit_softcapping alone changes NOTHING: Gemma3Attention stores it but never passes it to the
  attention function (the eager function would honour a `softcap` argument). A Java port must ignore it
  for Gemma 3 too; the script fails if a future transformers starts applying it.
"""
import golden_common as gc
from golden_tiny import SEQ_B, matrix

ATTN_CAP = 1.0
FINAL_CAP = 1.5


def logits(torch, model, ids):
    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0]


def load(torch, attn_cap, final_cap):
    from transformers import AutoConfig, AutoModelForCausalLM
    d = gc.TINY_DIR / "tiny-gemma3"
    config = AutoConfig.from_pretrained(str(d))
    config.attn_logit_softcapping = attn_cap
    config.final_logit_softcapping = final_cap
    return AutoModelForCausalLM.from_pretrained(str(d), config=config, dtype=torch.float32,
                                                attn_implementation="eager").eval()


def main():
    torch = gc.setup_torch()
    plain = logits(torch, load(torch, None, None), SEQ_B)
    both = logits(torch, load(torch, ATTN_CAP, FINAL_CAP), SEQ_B)
    moved_attn = float((logits(torch, load(torch, ATTN_CAP, None), SEQ_B) - plain).abs().max())
    moved_final = float((logits(torch, load(torch, None, FINAL_CAP), SEQ_B) - plain).abs().max())
    print(f"attention cap alone moves the logits by {moved_attn:.4g}, final cap alone by {moved_final:.4g}")
    if moved_attn != 0.0:
        raise SystemExit("transformers now applies attn_logit_softcapping to Gemma 3: update the Java port")
    if moved_final < 1e-2:
        raise SystemExit(f"final cap {FINAL_CAP} does not change the logits: useless as a reference")
    if float(both.abs().max()) > FINAL_CAP:
        raise SystemExit("capped logits exceed the final cap")
    gc.write_json_atomic(gc.TINY_DIR / "tiny-gemma3-softcap-reference.json", {
        "model": "tiny-gemma3",
        "versions": gc.versions(),
        "note": "tiny-gemma3 weights with attn_logit_softcapping and final_logit_softcapping set in the config; "
                "transformers applies c * tanh(z / c) to the logits and ignores the attention cap for Gemma 3",
        "attn_logit_softcapping_changes_logits": moved_attn != 0.0,
        "attn_logit_softcapping": ATTN_CAP,
        "final_logit_softcapping": FINAL_CAP,
        "token_ids": SEQ_B,
        "logits": matrix(both),
    })


if __name__ == "__main__":
    main()
