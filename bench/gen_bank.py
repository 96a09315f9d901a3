"""Writes one large question bank, `bank: big`, of N questions: the demo's questions
(quiz/*.yaml) copied round-robin with new ids `big-00001`…, all four types.

usage: python3 bench/gen_bank.py N OUT.yaml   (run from the repository root)
"""
import pathlib
import re
import sys

n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
# Each demo question is a block starting at "  - id: ".
blocks = []
for bank in sorted(pathlib.Path("quiz").glob("*.yaml")):
    body = bank.read_text(encoding="utf-8").split("questions:\n", 1)[1]
    blocks += [b for b in re.split(r"\n(?=  - id: )", body) if b.strip()]
lines = ["bank: big", "title: 大题库", "questions:"]
for i in range(n):
    block = blocks[i % len(blocks)].rstrip("\n")
    lines.append(re.sub(r"  - id: \S+", f"  - id: big-{i + 1:05}", block, 1))
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
