"""Held-out NLU evaluation: run ``rasa test nlu`` on sentences training never saw.

Prints intent accuracy, macro F1, the weakest intents and entity F1, and fails when intent
accuracy falls below ``--min-accuracy`` (a model that only knows its training sentences
is not done).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def run_rasa_test(model: Path, test_file: Path, out: Path) -> None:
    """Evaluate ``model`` on ``test_file`` into ``out`` with Rasa's own evaluator."""
    rasa = Path(sys.executable).parent / "rasa"
    subprocess.run(
        [
            str(rasa),
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            str(test_file),
            "--out",
            str(out),
        ],
        check=True,
    )


def summarise(out: Path) -> tuple[float, list[str]]:
    """Accuracy and printable lines from Rasa's JSON reports."""
    intents = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    accuracy = float(intents["accuracy"])
    lines = [
        f"intent accuracy {accuracy:.3f}  macro F1 {intents['macro avg']['f1-score']:.3f}  "
        f"weighted F1 {intents['weighted avg']['f1-score']:.3f}  "
        f"({intents['macro avg']['support']} sentences)"
    ]
    per_intent = {
        name: row
        for name, row in intents.items()
        if isinstance(row, dict)
        and "f1-score" in row
        and name not in ("macro avg", "weighted avg", "micro avg")
    }
    weakest = sorted(per_intent.items(), key=lambda item: item[1]["f1-score"])[:5]
    lines.append("weakest intents: " + ", ".join(f"{n} {r['f1-score']:.2f}" for n, r in weakest))
    for report in sorted(out.glob("*_report.json")):
        if report.name == "intent_report.json":
            continue
        rows = json.loads(report.read_text(encoding="utf-8"))
        # Each extractor is scored on the entity types it produces (regexes: ID, phone, …).
        scored = {
            name: row
            for name, row in rows.items()
            if isinstance(row, dict) and "avg" not in name and row.get("precision", 0) > 0
        }
        if scored:
            shown = ", ".join(f"{n} {r['f1-score']:.2f}" for n, r in sorted(scored.items()))
            lines.append(f"{report.stem.removesuffix('_report')} entity F1: {shown}")
    return accuracy, lines


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make nlu-report``."""
    parser = argparse.ArgumentParser(prog="python -m devstack.nlu_report")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--test-file", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("results/nlu-heldout"))
    parser.add_argument("--min-accuracy", type=float, default=0.85)
    args = parser.parse_args(argv)
    run_rasa_test(args.model, args.test_file, args.out)
    accuracy, lines = summarise(args.out)
    print("\n".join(["held-out NLU evaluation:", *lines]))
    if accuracy < args.min_accuracy:
        print(f"FAIL: intent accuracy {accuracy:.3f} < {args.min_accuracy}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
