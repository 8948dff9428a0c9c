"""The paper's manipulations as PyTorch hooks on an HF decoder, over the full sequence (no KV cache).

Shared by golden_manipulations.py and bench_hf.py. Definitions follow /work/shared/paper/README.md:
"layer k" is the input of decoder layer k (HF hidden_states[k]); "previous tokens" are all positions
but the last; the last position is never touched (skip-attention excepted, which acts on all tokens).

Each manipulation is a function returning a list of hook handles; `run(...)` installs them for one
forward pass and always removes them afterwards.
"""


def _replace_input(args, kwargs, new_hidden):
    if args:
        return (new_hidden,) + tuple(args[1:]), kwargs
    kwargs = dict(kwargs)
    kwargs["hidden_states"] = new_hidden
    return args, kwargs


def _input_of(args, kwargs):
    return args[0] if args else kwargs["hidden_states"]


def layer_inputs(torch, model, ids):
    """Clean forward pass: (logits (seq, vocab), [input of layer k, (seq, dim)] for k in 0..L-1)."""
    layers = model.model.layers
    captured = [None] * len(layers)
    handles = []
    for idx, layer in enumerate(layers):
        def hook(module, args, kwargs, idx=idx):
            captured[idx] = _input_of(args, kwargs)[0].detach().clone()
        handles.append(layer.register_forward_pre_hook(hook, with_kwargs=True))
    try:
        with torch.no_grad():
            logits = model(input_ids=ids, use_cache=False).logits[0]
    finally:
        for h in handles:
            h.remove()
    return logits, captured


def freeze(torch, model, k, clean_inputs):
    """freeze(k), k >= 1: every layer l >= k gets, for previous tokens, their clean input of layer k-1."""
    if k < 1:
        raise ValueError(f"freeze(k) needs k >= 1, got {k}")
    frozen = clean_inputs[k - 1]
    handles = []
    for l, layer in enumerate(model.model.layers):
        if l < k:
            continue
        def hook(module, args, kwargs):
            h = _input_of(args, kwargs).clone()
            h[0, :-1] = frozen[:-1]
            return _replace_input(args, kwargs, h)
        handles.append(layer.register_forward_pre_hook(hook, with_kwargs=True))
    return handles


def skip_attention(torch, model, k):
    """skipAttention(k): layers l >= k add nothing from attention (norm + attention + residual add skipped).

    The attention module's output is replaced by exact zeros, so `residual + 0` leaves the residual
    stream bit-identical to not running the sub-block at all; the MLP sub-block still runs.
    """
    handles = []
    for l, layer in enumerate(model.model.layers):
        if l < k:
            continue
        def hook(module, args, output):
            return (torch.zeros_like(output[0]),) + tuple(output[1:])
        handles.append(layer.self_attn.register_forward_hook(hook))
    return handles


def inject(torch, model, k, position, vector):
    """inject(k, p, v): the layer-k input at position p becomes v; all layers run normally."""
    layers = model.model.layers
    if k >= len(layers):
        return []  # no layer k: the manipulation has nothing to act on

    def hook(module, args, kwargs):
        h = _input_of(args, kwargs).clone()
        h[0, position] = vector
        return _replace_input(args, kwargs, h)
    return [layers[k].register_forward_pre_hook(hook, with_kwargs=True)]


def random_noise(torch, model, k, seed):
    """random(k, seed): previous tokens' layer-k input -> N(0, 1) draw rescaled to the original L2 norm.

    The noise comes from torch.Generator(seed); it is NOT the Java generator, so only timings (not
    values) of this manipulation are comparable across implementations.
    """
    layers = model.model.layers
    if k >= len(layers):
        return []

    def hook(module, args, kwargs):
        h = _input_of(args, kwargs).clone()
        prev = h[0, :-1]
        gen = torch.Generator().manual_seed(seed)
        noise = torch.randn(prev.shape, generator=gen, dtype=prev.dtype)
        noise = noise * (prev.norm(dim=-1, keepdim=True) / noise.norm(dim=-1, keepdim=True))
        h[0, :-1] = noise
        return _replace_input(args, kwargs, h)
    return [layers[k].register_forward_pre_hook(hook, with_kwargs=True)]


def shuffle(torch, model, k, seed):
    """shuffle(k, seed): each previous token's layer-k input is permuted by its own seeded permutation."""
    layers = model.model.layers
    if k >= len(layers):
        return []

    def hook(module, args, kwargs):
        h = _input_of(args, kwargs).clone()
        gen = torch.Generator().manual_seed(seed)
        for pos in range(h.shape[1] - 1):
            perm = torch.randperm(h.shape[2], generator=gen)
            h[0, pos] = h[0, pos, perm]
        return _replace_input(args, kwargs, h)
    return [layers[k].register_forward_pre_hook(hook, with_kwargs=True)]


def run(torch, model, ids, handles):
    """One full forward pass with the given hooks installed; returns logits (seq, vocab)."""
    try:
        with torch.no_grad():
            return model(input_ids=ids, use_cache=False).logits[0]
    finally:
        for h in handles:
            h.remove()


def last_token_of(tok, text, word):
    """Index of the last token whose character span overlaps the LAST occurrence of `word` in text."""
    start = text.rindex(word)
    end = start + len(word)
    enc = tok(text, return_offsets_mapping=True)
    hits = [i for i, (a, b) in enumerate(enc["offset_mapping"]) if a < end and b > start]
    if not hits:
        raise SystemExit(f"no token overlaps {word!r} in {text!r}; offsets {enc['offset_mapping']}")
    return hits[-1], enc["input_ids"]
