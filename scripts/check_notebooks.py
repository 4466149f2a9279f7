#!/usr/bin/env python3
"""Fails when a committed notebook carries outputs, so notebook diffs stay readable (issue 8).

Usage: /usr/bin/python3 scripts/check_notebooks.py [NOTEBOOK.ipynb ...]   (default: notebooks/*.ipynb)

A notebook passes when it is nbformat 4, no code cell has outputs or an execution_count, and it
states its question in its first cell and its answer in its last (both markdown: the first holds
"**Question.**", the last starts with "## Answer").
Reads the JSON directly (standard library only), so it runs before any Jupyter package is set up.
Clear a notebook with:  jupyter nbconvert --clear-output --inplace NOTEBOOK.ipynb
"""

import json
import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: cannot be read as JSON: {e}"]
    if nb.get("nbformat") != 4:
        return [f"{path}: nbformat {nb.get('nbformat')}, expected 4"]
    found = []
    cells = nb.get("cells", [])
    text = lambda cell: "".join(cell.get("source", ""))  # noqa: E731 (source: a string or a list of lines)
    if not cells or cells[0].get("cell_type") != "markdown" or "**Question.**" not in text(cells[0]):
        found.append(f"{path}: the first cell must be markdown stating the **Question.**")
    if not cells or cells[-1].get("cell_type") != "markdown" or not text(cells[-1]).startswith("## Answer"):
        found.append(f"{path}: the last cell must be markdown starting with '## Answer'")
    for i, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            found.append(f"{path}: code cell {i} has {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"{path}: code cell {i} has execution_count {cell['execution_count']}")
    return found


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    paths = [Path(a) for a in argv] or sorted((root / "notebooks").glob("*.ipynb"))
    if not paths:
        print("check_notebooks: no notebooks found", file=sys.stderr)
        return 1
    found = [p for path in paths for p in problems(path)]
    for p in found:
        print(p, file=sys.stderr)
    if found:
        print("check_notebooks: commit notebooks without outputs "
              "(jupyter nbconvert --clear-output --inplace NOTEBOOK.ipynb)", file=sys.stderr)
        return 1
    print(f"check_notebooks: {len(paths)} notebook(s) without outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
