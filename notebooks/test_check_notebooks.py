"""Unit tests of scripts/check_notebooks.py (committed notebooks carry no outputs)."""

import importlib.util
import json
import tempfile
import unittest
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_notebooks.py"
_spec = importlib.util.spec_from_file_location("check_notebooks", _SCRIPT)
check_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_notebooks)


def _notebook(cells, nbformat=4):
    return {"nbformat": nbformat, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def _md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(outputs=(), execution_count=None):
    return {"cell_type": "code", "metadata": {}, "source": "1 + 1", "outputs": list(outputs),
            "execution_count": execution_count}


QUESTION, ANSWER = _md("# T\n\n**Question.** Why?"), _md("## Answer\n\nBecause.")


class CheckNotebooks(unittest.TestCase):
    def _problems(self, nb):
        path = Path(tempfile.mkdtemp()) / "n.ipynb"
        path.write_text(json.dumps(nb), encoding="utf-8")
        return check_notebooks.problems(path)

    def test_a_clean_notebook_passes(self):
        self.assertEqual(self._problems(_notebook([QUESTION, _code(), ANSWER])), [])

    def test_outputs_are_reported(self):
        out = {"output_type": "stream", "name": "stdout", "text": "2\n"}
        found = self._problems(_notebook([QUESTION, _code(outputs=[out]), ANSWER]))
        self.assertEqual(len(found), 1)
        self.assertIn("code cell 2 has 1 output(s)", found[0])

    def test_an_execution_count_alone_is_reported(self):
        found = self._problems(_notebook([QUESTION, _code(execution_count=3), ANSWER]))
        self.assertEqual(len(found), 1)
        self.assertIn("execution_count 3", found[0])

    def test_the_question_must_open_the_notebook(self):
        found = self._problems(_notebook([_code(), ANSWER]))
        self.assertTrue(any("first cell" in f for f in found))

    def test_the_answer_must_close_the_notebook(self):
        found = self._problems(_notebook([QUESTION, ANSWER, _code()]))
        self.assertTrue(any("last cell" in f for f in found))

    def test_another_nbformat_is_reported(self):
        self.assertIn("nbformat 3", self._problems(_notebook([QUESTION, ANSWER], nbformat=3))[0])

    def test_the_repository_notebooks_pass(self):
        self.assertEqual(check_notebooks.main([]), 0)


if __name__ == "__main__":
    unittest.main()
