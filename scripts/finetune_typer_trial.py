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


def _model(torch, labels: int):  # noqa: ANN001, ANN202  (torch is imported only where it is installed)
    """A PyTorch copy of the shipped 6-layer BERT (int8 weights dequantised) with a linear head over its
    mean-pooled, unit-length embedding times 20."""
    nn, functional = torch.nn, torch.nn.functional
    data = dict(np.load(ROOT / "transforms" / "data" / "sentence_encoder.npz", allow_pickle=False))

    def weight(name: str):  # noqa: ANN202
        return nn.Parameter(torch.tensor(data[name + ".q"].astype(np.float32) * data[name + ".scale"][:, None]))

    def vector(name: str):  # noqa: ANN202
        return nn.Parameter(torch.tensor(data[name].astype(np.float32)))

    class Dense(nn.Module):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.weight, self.bias = weight(name), vector(name + ".bias")

        def forward(self, x):  # noqa: ANN001, ANN202
            return x @ self.weight.T + self.bias

    class Norm(nn.Module):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.weight, self.bias = vector(name + ".weight"), vector(name + ".bias")

        def forward(self, x):  # noqa: ANN001, ANN202
            return functional.layer_norm(x, (HIDDEN,), self.weight, self.bias, 1e-12)

    class Layer(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"encoder.layer.{i}."
            self.query, self.key, self.value = (Dense(p + f"attention.self.{m}") for m in ("query", "key", "value"))
            self.attention_out, self.attention_norm = Dense(p + "attention.output.dense"), \
                Norm(p + "attention.output.LayerNorm")
            self.intermediate, self.out = Dense(p + "intermediate.dense"), Dense(p + "output.dense")
            self.out_norm = Norm(p + "output.LayerNorm")

        def forward(self, x, mask):  # noqa: ANN001, ANN202
            batch, length, width = x.shape[0], x.shape[1], HIDDEN // HEADS
            q, k, v = (m(x).view(batch, length, HEADS, width).transpose(1, 2)
                       for m in (self.query, self.key, self.value))
            scores = q @ k.transpose(-1, -2) / math.sqrt(width) + (1 - mask[:, None, None, :]) * -1e4
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, length, HIDDEN)
            x = self.attention_norm(x + self.attention_out(context))
            return self.out_norm(x + self.out(functional.gelu(self.intermediate(x))))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Parameter(torch.tensor(data["word_embeddings.q"].astype(np.float32)
                                                   * data["word_embeddings.scale"][:, None]))
            self.positions = vector("position_embeddings")
            self.token_type = nn.Parameter(torch.tensor(data["token_type_embeddings"][0].astype(np.float32)))
            self.norm = Norm("embeddings.LayerNorm")
            self.layers = nn.ModuleList(Layer(i) for i in range(LAYERS))
            self.head = nn.Linear(HIDDEN, labels)

        def embed(self, ids, mask):  # noqa: ANN001, ANN202
            x = self.norm(self.words[ids] + self.positions[: ids.shape[1]] + self.token_type)
            for layer in self.layers:
                x = layer(x, mask)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            return functional.normalize(pooled, dim=-1)

        def forward(self, ids, mask):  # noqa: ANN001, ANN202
            return self.head(self.embed(ids, mask) * 20.0)

    return Encoder()


def _batch(torch, rows: list[dict], indices: list[int]):  # noqa: ANN001, ANN202
    """(word piece ids, mask, labels) of these rows, padded to the longest."""
    length = max(len(rows[i]["ids"]) for i in indices)
    ids = torch.zeros(len(indices), length, dtype=torch.long)
    mask = torch.zeros(len(indices), length)
    for t, i in enumerate(indices):
        ids[t, : len(rows[i]["ids"])] = torch.tensor(rows[i]["ids"])
        mask[t, : len(rows[i]["ids"])] = 1
    return ids, mask, torch.tensor([rows[i]["label"] for i in indices])


def train_fold(out: Path, fold: int, epochs: int, rate: float, batch_size: int = 32) -> None:
    """Fine-tune on the rows outside `fold`; store P(label) and the embeddings of every row."""
    import torch  # noqa: PLC0415

    torch.manual_seed(0)
    torch.set_num_threads(2)
    rows = [json.loads(line) for line in (out / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = 26
    model = _model(torch, labels)
    train = [i for i, r in enumerate(rows) if r["fold"] != fold]
    counts = np.bincount([rows[i]["label"] for i in train], minlength=labels)
    class_weight = torch.tensor(np.where(counts > 0, len(train) / (labels * np.maximum(counts, 1)), 0.0),
                                dtype=torch.float32)  # every class the same total weight, as the typer
    head = [p for n, p in model.named_parameters() if n.startswith("head")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head")]
    optimiser = torch.optim.AdamW([{"params": body, "lr": rate}, {"params": head, "lr": 2e-3}], weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # 10% warm-up, then linear decay to 0
        optimiser, lambda s: min(1, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    rng = np.random.default_rng(0)
    start = time.time()
    for epoch in range(epochs):
        order = list(rng.permutation(train))
        order.sort(key=lambda i: len(rows[i]["ids"]) // 8 + rng.random())  # batches of similar length
        chunks = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(chunks)
        model.train()
        total = 0.0
        for chunk in chunks:
            ids, mask, gold = _batch(torch, rows, chunk)
            loss = torch.nn.functional.cross_entropy(model(ids, mask), gold, weight=class_weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        print(f"  epoch {epoch} loss {total / len(chunks):.3f} [{time.time() - start:.0f}s]", flush=True)
    model.eval()
    probabilities = np.zeros((len(rows), labels))
    embeddings = np.zeros((len(rows), HIDDEN), dtype=np.float32)
    by_length = sorted(range(len(rows)), key=lambda i: len(rows[i]["ids"]))
    with torch.no_grad():
        for i in range(0, len(by_length), 64):
            chunk = by_length[i:i + 64]
            ids, mask, _ = _batch(torch, rows, chunk)
            embedded = model.embed(ids, mask)
            probabilities[chunk] = model.head(embedded * 20.0).softmax(-1).numpy()
            embeddings[chunk] = embedded.numpy()
    np.save(out / f"fold{fold}_P.npy", probabilities)
    np.save(out / f"fold{fold}_E.npy", embeddings)


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
