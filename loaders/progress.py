"""A one-line progress display of `dbt build` for the main command (dbt's full log only with --verbose)."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

DBT_NODE = re.compile(r"^\S+\s+(?P<i>\d+) of (?P<n>\d+) (?P<state>OK|PASS|WARN|ERROR|FAIL|SKIP)\b(?P<rest>.*)$")
DBT_DONE = re.compile(r"Done\. PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+(?: NO-OP=\d+)? TOTAL=\d+")
MILESTONES = (0.25, 0.5, 0.75)


@dataclass
class DbtProgress:
    """Feed it dbt's output lines: on a terminal it redraws one line; elsewhere it prints at 25/50/75 %."""

    label: str = "dbt build"
    done_line: str = ""
    problems: list[str] = field(default_factory=list)
    _shown: set[float] = field(default_factory=set)

    def __call__(self, line: str) -> None:
        line = line.rstrip("\n")
        done = DBT_DONE.search(line)
        if done:
            self.done_line = done.group(0)
            return
        node = DBT_NODE.match(line.strip())
        if not node:
            return
        i, n, state = int(node["i"]), int(node["n"]), node["state"]
        if state in ("WARN", "ERROR", "FAIL"):
            self.problems.append(f"{state} {' '.join(node['rest'].split())[:110]}")
        self._show(i, n)

    def _show(self, i: int, n: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{self.label}: {i}/{n} nodes", end="", file=sys.stderr, flush=True)
            return
        for mark in MILESTONES:
            if i / n >= mark and mark not in self._shown:
                self._shown.add(mark)
                print(f"{self.label}: {i}/{n} nodes", file=sys.stderr, flush=True)

    def finish(self) -> str:
        """The closing summary: dbt's Done line and its warnings."""
        if sys.stderr.isatty():
            print(file=sys.stderr)
        lines = [f"{self.label}: {self.done_line or 'finished'}"] + [f"  {p}" for p in self.problems[:10]]
        if len(self.problems) > 10:
            lines.append(f"  … {len(self.problems) - 10} more (run with --verbose)")
        return "\n".join(lines)
