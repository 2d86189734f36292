"""A trial, not part of the product: does fine-tuning the sentence encoder on the typer's rows read article sentences
better than the shipped typer (a linear model over n-grams and the frozen encoder's embedding)?

    PYTHONPATH=. .venv/bin/python scripts/finetune_typer_trial.py export /tmp/ft        # rows, word pieces, folds
    python3 -m venv /tmp/tvenv && /tmp/tvenv/bin/pip install torch==2.13.0 numpy       # PyTorch, CPU build
    /tmp/tvenv/bin/python scripts/finetune_typer_trial.py train /tmp/ft 0 3 5e-5        # fold 0, 3 epochs, rate
    PYTHONPATH=. .venv/bin/python scripts/finetune_typer_trial.py score /tmp/ft 0       # the table

The project does not depend on PyTorch (the encoder runs with numpy: `transforms/sentence_encoder.py`), so the
training step runs in a venv of its own; the export and the score run in the project's. `train` loads the shipped
int8 weights (dequantised) into a PyTorch copy of the same 6-layer BERT, adds a linear head over the mean-pooled,
unit-length embedding (times 20), and fine-tunes everything with class-weighted cross-entropy (every class the
same total weight, as the typer), AdamW, 10% warm-up then linear decay, batches of 32, on the rows outside the
fold (`train_event_typer.fold_of`). It stores the fold's P(label) from the fine-tuned head and every row's
embedding from the fine-tuned encoder. `score` compares, on the fold's rows and its article rows: the shipped
typer's fitting refitted without the fold; the fine-tuned head; their average; and the typer's linear model over
n-grams and the fine-tuned embeddings. Nothing here reads a measured text.
"""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
HIDDEN, HEADS, LAYERS = 384, 12, 6


def export(out: Path) -> None:
    """rows.jsonl: each training row's id, label index, fold, article flag and word pieces."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_typer as T  # noqa: PLC0415
    from transforms.sentence_encoder import load_encoder  # noqa: PLC0415

    encoder = load_encoder()
    out.mkdir(parents=True, exist_ok=True)
    with (out / "rows.jsonl").open("w", encoding="utf-8") as handle:
        for r in T.training_rows():
            handle.write(json.dumps({"id": r["id"], "label": T.LABELS.index(r["label"]), "fold": T.fold_of(r["id"]),
                                     "art": r["id"].startswith("train_articles"),
                                     "ids": encoder.pieces.encode(r["text"])}) + "\n")


def train_fold(out: Path, fold: int, epochs: int, rate: float) -> None:
    """Fine-tune on the rows outside `fold`; store P(label) and the embeddings of every row."""
    import torch  # noqa: PLC0415
    import torch.nn as nn  # noqa: PLC0415
    import torch.nn.functional as F  # noqa: PLC0415

    torch.manual_seed(0)
    torch.set_num_threads(2)
    rows = [json.loads(line) for line in (out / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    NL = 26
    H = HIDDEN
    NPZ = str(ROOT / "transforms" / "data" / "sentence_encoder.npz")
    data = dict(np.load(NPZ, allow_pickle=False))
    def W(name):  # dequantised (out,in)
        return torch.tensor(data[name + ".q"].astype(np.float32) * data[name + ".scale"][:, None])
    def V(name): return torch.tensor(data[name].astype(np.float32))
    L = LAYERS
    class Lin(nn.Module):
        def __init__(s, name):
            super().__init__(); s.w = nn.Parameter(W(name)); s.b = nn.Parameter(V(name + ".bias"))
        def forward(s, x): return x @ s.w.T + s.b
    class LN(nn.Module):
        def __init__(s, name):
            super().__init__(); s.w = nn.Parameter(V(name + ".weight")); s.b = nn.Parameter(V(name + ".bias"))
        def forward(s, x): return F.layer_norm(x, (H,), s.w, s.b, 1e-12)
    class Layer(nn.Module):
        def __init__(s, i):
            super().__init__(); p = f"encoder.layer.{i}."
            s.q, s.k, s.v = (Lin(p + f"attention.self.{m}") for m in ("query", "key", "value"))
            s.o = Lin(p + "attention.output.dense"); s.ln1 = LN(p + "attention.output.LayerNorm")
            s.i = Lin(p + "intermediate.dense"); s.out = Lin(p + "output.dense"); s.ln2 = LN(p + "output.LayerNorm")
        def forward(s, x, mask):
            B, N, _ = x.shape; w = H // HEADS
            q, k, v = (m(x).view(B, N, HEADS, w).transpose(1, 2) for m in (s.q, s.k, s.v))
            sc = q @ k.transpose(-1, -2) / math.sqrt(w) + (1 - mask[:, None, None, :]) * -1e4
            ctx = (sc.softmax(-1) @ v).transpose(1, 2).reshape(B, N, H)
            x = s.ln1(x + s.o(ctx))
            return s.ln2(x + s.out(F.gelu(s.i(x))))
    class Enc(nn.Module):
        def __init__(s, nlab):
            super().__init__()
            s.word = nn.Parameter(torch.tensor(data["word_embeddings.q"].astype(np.float32) * data["word_embeddings.scale"][:, None]))
            s.pos = nn.Parameter(V("position_embeddings")); s.tt = nn.Parameter(V("token_type_embeddings")[0])
            s.ln = LN("embeddings.LayerNorm"); s.layers = nn.ModuleList(Layer(i) for i in range(L))
            s.head = nn.Linear(H, nlab); s.temp = 20.0
        def embed(s, ids, mask):
            x = s.ln(s.word[ids] + s.pos[: ids.shape[1]] + s.tt)
            for l in s.layers: x = l(x, mask)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            return F.normalize(pooled, dim=-1)
        def forward(s, ids, mask): return s.head(s.embed(ids, mask) * s.temp)
    def batches(idx, bs):
        for i in range(0, len(idx), bs):
            b = [rows[j] for j in idx[i:i + bs]]; n = max(len(r["ids"]) for r in b)
            ids = torch.zeros(len(b), n, dtype=torch.long); mask = torch.zeros(len(b), n)
            for t, r in enumerate(b): ids[t, :len(r["ids"])] = torch.tensor(r["ids"]); mask[t, :len(r["ids"])] = 1
            yield ids, mask, torch.tensor([r["label"] for r in b])
    def train(train_idx, epochs=3, lr=5e-5, bs=32):
        m = Enc(NL)
        y = np.array([rows[i]["label"] for i in train_idx]); cnt = np.bincount(y, minlength=NL)
        cw = torch.tensor(np.where(cnt > 0, len(y) / (NL * np.maximum(cnt, 1)), 0.0), dtype=torch.float32)
        head = [p for n, p in m.named_parameters() if n.startswith("head")]; body = [p for n, p in m.named_parameters() if not n.startswith("head")]
        opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": 2e-3}], weight_decay=0.01)
        steps = epochs * math.ceil(len(train_idx) / bs); sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
        rng = np.random.default_rng(0); t = time.time()
        for ep in range(epochs):
            order = list(rng.permutation(train_idx))
            order.sort(key=lambda i: len(rows[i]["ids"]) // 8 + rng.random())  # rough length bucketing
            chunks = [order[i:i + bs] for i in range(0, len(order), bs)]; rng.shuffle(chunks)
            m.train(); tot = 0
            for c in chunks:
                ids, mask, lab = next(batches(c, bs))
                loss = F.cross_entropy(m(ids, mask), lab, weight=cw)
                opt.zero_grad(); loss.backward(); opt.step(); sched.step(); tot += loss.item()
            print(f"  epoch {ep} loss {tot / len(chunks):.3f} [{time.time() - t:.0f}s]", flush=True)
        return m
    @torch.no_grad()
    def predict(m, idx):
        m.eval(); P, E = [], []
        srt = sorted(idx, key=lambda i: len(rows[i]["ids"]))
        for i in range(0, len(srt), 64):
            ids, mask, _ = next(batches(srt[i:i + 64], 64)); e = m.embed(ids, mask)
            E.append(e); P.append(m.head(e * m.temp).softmax(-1))
        P = torch.cat(P).numpy(); E = torch.cat(E).numpy()
        out_p = np.zeros((len(rows), NL)); out_e = np.zeros((len(rows), H), dtype=np.float32)
        out_p[srt] = P; out_e[srt] = E
        return out_p, out_e

    m = train([i for i, r in enumerate(rows) if r["fold"] != fold], epochs, rate)
    P, E = predict(m, list(range(len(rows))))
    np.save(out / f"fold{fold}_P.npy", P)
    np.save(out / f"fold{fold}_E.npy", E)


def score(out: Path, fold: int) -> None:
    """The table: weighted F1 on the fold's rows and its article rows."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_typer as T  # noqa: PLC0415

    rows = T.training_rows()
    meta = [json.loads(line) for line in (out / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    if [r["id"] for r in rows] != [m["id"] for m in meta]:
        raise SystemExit("the training rows changed since the export")
    held = [i for i, m in enumerate(meta) if m["fold"] == fold]
    on_articles = [i for i in held if meta[i]["art"]]
    train = [rows[i] for i, m in enumerate(meta) if m["fold"] != fold]
    tuned_p, tuned_e = np.load(out / f"fold{fold}_P.npy"), np.load(out / f"fold{fold}_E.npy")
    texts = [rows[i]["text"] for i in held]
    shipped = T.predict(*T.fit([r["text"] for r in train], [r["label"] for r in train], 1e-5, 1.0), texts)
    index = {r["text"]: i for i, r in enumerate(rows)}
    frozen = T.embeddings
    T.embeddings = lambda ts: np.array([tuned_e[index[t]] for t in ts], dtype=np.float64)
    over_tuned = T.predict(*T.fit([r["text"] for r in train], [r["label"] for r in train], 1e-5, 1.0), texts)
    T.embeddings = frozen
    head = tuned_p[held]

    def f1(p: np.ndarray, subset: list[int]) -> float:
        where = [held.index(i) for i in subset]
        return T.weighted_f1([rows[i]["label"] for i in subset], [T.LABELS[int(p[j].argmax())] for j in where])

    print(f"fold {fold}: {len(held)} rows, {len(on_articles)} from articles")
    print("| reader | weighted F1, fold | article rows |\n|---|---|---|")
    for name, p in (("shipped typer's fitting", shipped), ("fine-tuned head", head),
                    ("average of the two", (shipped + head) / 2), ("typer over fine-tuned embeddings", over_tuned),
                    ("average of the head and the typer over fine-tuned embeddings (one encoder)",
                     (over_tuned + head) / 2)):
        print(f"| {name} | {f1(p, held):.3f} | {f1(p, on_articles):.3f} |")


def main() -> None:
    command, out = sys.argv[1], Path(sys.argv[2])
    if command == "export":
        export(out)
    elif command == "train":
        train_fold(out, int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif command == "score":
        score(out, int(sys.argv[3]))
    else:
        raise SystemExit("usage: export OUT | train OUT FOLD EPOCHS RATE | score OUT FOLD")


if __name__ == "__main__":
    main()
