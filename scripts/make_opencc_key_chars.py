"""Write loaders/extraction/data/opencc_t2s_key_chars.txt: every character of every key of the dictionaries
OpenCC's t2s configuration reads (its normalization and conversion chain), one line, after a line naming the
OpenCC version they come from. A text holding none of them is left as it is by t2s (no key can match), so
`traditional.simplified` returns it without calling OpenCC.

Needs `marisa-trie` (to read OpenCC's .ocd2 tries; not a project dependency): run it from a venv that has both,
e.g. `python -m venv /tmp/m && /tmp/m/bin/pip install marisa-trie opencc==1.4.2 && /tmp/m/bin/python scripts/make_opencc_key_chars.py`.
"""
from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import marisa_trie
import opencc

HEADER = b"OPENCC_MARISA_0.2.5"
OUT = Path(__file__).resolve().parents[1] / "loaders" / "extraction" / "data" / "opencc_t2s_key_chars.txt"


def _dict_files(node: dict) -> list[str]:
    if node.get("type") == "group":
        return [f for d in node["dicts"] for f in _dict_files(d)]
    return [node["file"]]


def main() -> None:
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    files = [f for step in config.get("normalization", []) + config["conversion_chain"] for f in _dict_files(step["dict"])]
    chars: set[str] = set()
    for name in files:
        data = (share / name).read_bytes()
        assert data.startswith(HEADER), name
        trie = marisa_trie.Trie()
        trie.frombytes(data[len(HEADER):])
        for key in trie.keys():
            chars.update(key)
    version = importlib.metadata.version("opencc")
    OUT.write_text(f"opencc {version} t2s {' '.join(files)}\n{''.join(sorted(chars))}\n", encoding="utf-8")
    print(f"{len(chars)} characters from {len(files)} dictionaries -> {OUT}")


if __name__ == "__main__":
    main()
