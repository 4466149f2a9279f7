"""Unit tests of notebooks/ecsim_nb.py, the notebooks' only reader of ecsim's outputs.

Run with Debian's interpreter (it has pandas):  /usr/bin/python3 -m unittest notebooks/test_ecsim_nb.py
The loaders are tested on hand-written files; the runners on the real binary ($ECSIM_BIN or
build/app/ecsim), and are skipped with a message when it is not built.
"""

import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecsim_nb  # noqa: E402


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _have_binary() -> bool:
    try:
        ecsim_nb.binary()
        return True
    except FileNotFoundError:
        return False


class LoadOperations(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        rows = [
            {"index": 0, "name": "golden", "at": 10.0, "Action": "CreateImage", "outcome": "ok", "http": 200,
             "code": None, "RequestId": "r-1", "response": {"ImageId": "m-1"}, "status": "Available",
             "status_at": 130.5},
            {"index": 1, "name": None, "at": 20.0, "Action": "DeleteImage", "outcome": "error", "http": 403,
             "code": "ImageIsCreating", "RequestId": "r-2", "response": {}, "status": None, "status_at": None,
             "client": "naive", "attempts": 3, "retries": 2, "orphaned": ["m-9"]},
        ]
        self.path = _write(self.dir, "operations.jsonl", "".join(json.dumps(r) + "\n" for r in rows))

    def test_one_row_per_call_in_issue_order(self):
        df = ecsim_nb.load_operations(self.path)
        self.assertEqual(list(df["index"]), [0, 1])

    def test_latency_is_status_at_minus_at_and_nan_without_a_status(self):
        df = ecsim_nb.load_operations(self.path)
        self.assertAlmostEqual(df.loc[0, "latency_s"], 120.5)
        self.assertTrue(df["latency_s"].isna().iloc[1])

    def test_image_id_is_lifted_from_the_response(self):
        df = ecsim_nb.load_operations(self.path)
        self.assertEqual(df.loc[0, "ImageId"], "m-1")
        self.assertIsNone(df.loc[1, "ImageId"])

    def test_orphaned_is_a_list_on_every_row(self):
        df = ecsim_nb.load_operations(self.path)
        self.assertEqual(df.loc[0, "orphaned"], [])
        self.assertEqual(df.loc[1, "orphaned"], ["m-9"])


class LoadCsvOutputs(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())

    def test_utilisation_times_are_converted_to_seconds(self):
        path = _write(self.dir, "utilisation.csv",
                      "start_us,end_us,region,resource,limit,mean,max,mean_fraction,max_fraction\n"
                      "0,60000000,cn-hangzhou,unfinished_snapshots,100,1.25,2,0.0125,0.02\n")
        df = ecsim_nb.load_utilisation(path)
        self.assertEqual((df.loc[0, "start_s"], df.loc[0, "end_s"]), (0.0, 60.0))

    def test_sweep_configuration_stays_text(self):
        path = _write(self.dir, "sweep.csv",
                      "configuration,replication,seed,metric,value\n"
                      "regions.cn-hangzhou.quota.unfinished_snapshots=10,0,11,action.CreateImage.calls,5\n")
        df = ecsim_nb.load_tidy(path)
        self.assertEqual(df.loc[0, "configuration"], "regions.cn-hangzhou.quota.unfinished_snapshots=10")
        self.assertEqual(df.loc[0, "value"], 5)


class LifecycleIntervals(unittest.TestCase):
    """Gantt bars from events.jsonl (analysis/event_trace.h), else from operations.jsonl."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        op = {"index": 0, "name": None, "at": 5.0, "Action": "CreateImage", "outcome": "ok", "http": 200,
              "code": None, "RequestId": "r", "response": {"ImageId": "m-1"}, "status": "Available",
              "status_at": 300.0}
        _write(self.dir, "operations.jsonl", json.dumps(op) + "\n")
        _write(self.dir, "summary.json", json.dumps({"end_time": 400.0}))
        self.run = ecsim_nb.Run(scenario=self.dir / "s.yaml", out=self.dir, stdout="")

    def _events(self, lines):
        keys = ["t_us", "t", "kind", "resource_type", "resource", "region", "from", "to", "call"]
        _write(self.dir, "events.jsonl", "".join(json.dumps(dict(zip(keys, l))) + "\n" for l in lines))

    def test_without_an_event_trace_each_created_image_runs_from_its_call_to_its_status(self):
        bars = ecsim_nb.lifecycle_intervals(self.run)
        self.assertEqual(bars[["kind", "id", "start_s", "end_s", "status", "source"]].values.tolist(),
                         [["image", "m-1", 5.0, 300.0, "Available", "operations"]])

    def test_with_an_event_trace_snapshots_get_bars_too(self):
        self._events([
            (5000000, "", "call", "image", "m-1", "cn-hangzhou", None, "Creating", 0),
            (6000000, "", "snapshot_started", "snapshot", "s-1", "cn-hangzhou", None, "progressing", 0),
            (200000000, "", "snapshot_accomplished", "snapshot", "s-1", "cn-hangzhou", "progressing",
             "accomplished", 0),
            (300000000, "", "image_available", "image", "m-1", "cn-hangzhou", "Creating", "Available", 0),
            (310000000, "", "instance_locked", "instance", "i-1", "cn-hangzhou", None, None, None),
        ])
        bars = ecsim_nb.lifecycle_intervals(self.run).set_index("id")
        self.assertEqual(sorted(bars.index), ["m-1", "s-1"])
        self.assertEqual(tuple(bars.loc["s-1", ["kind", "start_s", "end_s", "status"]]),
                         ("snapshot", 6.0, 200.0, "accomplished"))
        self.assertEqual(tuple(bars.loc["m-1", ["start_s", "end_s", "status"]]), (5.0, 300.0, "Available"))


class ParseConfiguration(unittest.TestCase):
    def test_one_assignment(self):
        self.assertEqual(ecsim_nb.parse_configuration("seed=3"), {"seed": "3"})

    def test_assignments_joined_by_semicolons_or_commas(self):
        want = {"regions.cn-hangzhou.quota.images": "10", "regions.cn-hangzhou.snapshot_capacity": "1GiB/s"}
        for sep in (";", ",", "; "):
            text = f"regions.cn-hangzhou.quota.images=10{sep}regions.cn-hangzhou.snapshot_capacity=1GiB/s"
            self.assertEqual(ecsim_nb.parse_configuration(text), want)


class ParseCommandOutputs(unittest.TestCase):
    def test_check_counts_come_from_the_closing_line(self):
        self.assertEqual(ecsim_nb.parse_check_counts("x.yaml: op 3: expected ...\n4 passed, 1 failed\n"), (4, 1))

    def test_check_output_without_counts_is_an_error(self):
        with self.assertRaises(ValueError):
            ecsim_nb.parse_check_counts("nothing here")

    def test_error_catalogue_columns_are_read_by_header(self):
        text = ("| # | HTTP | Code | Message |\n|---|---|---|---|\n"
                "| 1 | 403 | `SnapshotCreatedImage` | The snapshot has been used. |\n"
                "| 2 (ours) | 503 | `ServiceUnavailable` | a | b |\n")
        df = ecsim_nb.parse_error_catalogue(text)
        self.assertEqual(list(df["code"]), ["SnapshotCreatedImage", "ServiceUnavailable"])
        self.assertEqual(list(df["http"]), [403, 503])
        self.assertEqual(df.loc[1, "message"], "a | b")


class QueueingFormulas(unittest.TestCase):
    def test_erlang_b_of_one_server_is_a_over_one_plus_a(self):
        self.assertAlmostEqual(ecsim_nb.erlang_b(1, 2.0), 2.0 / 3.0)

    def test_erlang_b_matches_docs_analysis_example(self):
        # docs/analysis.md: c = 4, a = 3 gives B ~ 0.206.
        self.assertAlmostEqual(ecsim_nb.erlang_b(4, 3.0), 0.2061, places=4)

    def test_erlang_c_matches_docs_analysis_example(self):
        # docs/analysis.md: c = 5, a = 3.5 gives C ~ 0.378 and Wq ~ 25.2 s for E[S] = 100 s.
        self.assertAlmostEqual(ecsim_nb.erlang_c(5, 3.5), 0.378, places=3)
        self.assertAlmostEqual(ecsim_nb.mmc_mean_wait(5, 3.5, 100.0), 25.2, places=1)

    def test_erlang_c_refuses_an_unstable_queue(self):
        with self.assertRaises(ValueError):
            ecsim_nb.erlang_c(2, 2.0)


class ReplicationStatistics(unittest.TestCase):
    def test_t_quantile_from_the_table(self):
        self.assertAlmostEqual(ecsim_nb.t975(4), 2.776)

    def test_t_quantile_between_entries_is_linear_in_one_over_df(self):
        w = (1 / 30 - 1 / 35) / (1 / 30 - 1 / 40)
        self.assertAlmostEqual(ecsim_nb.t975(35), 2.042 + w * (2.021 - 2.042))

    def test_t_quantile_beyond_the_table_tends_to_the_normal(self):
        self.assertLess(ecsim_nb.t975(10000), 1.962)
        self.assertGreater(ecsim_nb.t975(10000), 1.960)

    def test_mean_ci95_of_three_values(self):
        m, lo, hi = ecsim_nb.mean_ci95([1.0, 2.0, 3.0])
        self.assertAlmostEqual(m, 2.0)
        self.assertAlmostEqual(hi - m, 4.303 * 1.0 / 3 ** 0.5)
        self.assertAlmostEqual(m - lo, hi - m)

    def test_mean_ci95_of_one_value_has_no_interval(self):
        m, lo, hi = ecsim_nb.mean_ci95([5.0])
        self.assertEqual(m, 5.0)
        self.assertTrue(lo != lo and hi != hi)  # NaN

    def test_per_replication_fills_absent_counts_with_zero(self):
        rows = ecsim_nb.pd.DataFrame({
            "configuration": ["c=1", "c=1", "c=1", "c=2"],
            "replication": [0, 0, 1, 0],
            "seed": [1, 1, 2, 1],
            "metric": ["calls", "rejected", "calls", "calls"],
            "value": [10, 3, 10, 10]})
        wide = ecsim_nb.per_replication(rows, ["calls", "rejected"], fill_zero=["rejected"])
        self.assertEqual(len(wide), 3)
        got = {(r.configuration, r.replication): r.rejected for r in wide.itertuples()}
        self.assertEqual(got, {("c=1", 0): 3, ("c=1", 1): 0, ("c=2", 0): 0})

    def test_summarise_groups_and_counts_replications(self):
        df = ecsim_nb.pd.DataFrame({"g": ["a", "a", "b"], "x": [1.0, 3.0, 5.0]})
        s = ecsim_nb.summarise(df, ["g"], "x")
        self.assertEqual(list(s["n"]), [2, 1])
        self.assertEqual(list(s["mean"]), [2.0, 5.0])


class FindingTheBinary(unittest.TestCase):
    def test_ecsim_bin_that_does_not_exist_is_reported(self):
        old = os.environ.get("ECSIM_BIN")
        os.environ["ECSIM_BIN"] = "/nonexistent/ecsim"
        try:
            with self.assertRaisesRegex(FileNotFoundError, "/nonexistent/ecsim"):
                ecsim_nb.binary()
        finally:
            if old is None:
                del os.environ["ECSIM_BIN"]
            else:
                os.environ["ECSIM_BIN"] = old


@unittest.skipUnless(_have_binary(), "ecsim is not built (set ECSIM_BIN or build build/app/ecsim)")
class WithTheBinary(unittest.TestCase):
    def test_quickstart_run_loads_one_row_per_call(self):
        r = ecsim_nb.run("scenarios/quickstart.yaml")
        self.assertEqual(len(r.operations),
                         sum(per_action["total"] for per_action in r.summary["operations"].values()))

    def test_run_outputs_live_in_a_temporary_directory(self):
        r = ecsim_nb.run("scenarios/quickstart.yaml")
        self.assertTrue(str(r.out).startswith(tempfile.gettempdir()))

    def test_seed_option_reaches_the_summary(self):
        self.assertEqual(ecsim_nb.run("scenarios/quickstart.yaml", seed=12345).summary["seed"], 12345)

    def test_invalid_scenario_raises_with_ecsims_message(self):
        bad = ecsim_nb.write_scenario("name: bad\nregions: 3\n")
        with self.assertRaisesRegex(ecsim_nb.EcsimError, "error"):
            ecsim_nb.run(bad)

    def test_sweep_has_one_column_per_set_path(self):
        sw = ecsim_nb.sweep("scenarios/quickstart.yaml",
                            {"regions.cn-hangzhou.quota.unfinished_snapshots": [1, 100]}, replications=2)
        values = sorted(sw.summary["regions.cn-hangzhou.quota.unfinished_snapshots"].unique())
        self.assertEqual(values, [1, 100])
        self.assertEqual(set(sw.rows["replication"]), {0, 1})

    def test_replications_summary_has_a_confidence_interval_per_metric(self):
        rep = ecsim_nb.replications("scenarios/quickstart.yaml", 3)
        s = rep.summary
        self.assertTrue({"metric", "n", "mean", "ci95_low", "ci95_high"} <= set(s.columns))
        self.assertTrue((s["ci95_low"].dropna() <= s.loc[s["ci95_low"].notna(), "mean"]).all())

    def test_check_counts_a_failed_expectation_without_raising(self):
        failing = ecsim_nb.write_scenario(
            "name: t\nregions:\n  cn-hangzhou: {}\nworkload:\n"
            "  - {at: 0s, Action: DeleteImage, RegionId: cn-hangzhou, ImageId: m-none, expect: {code: null}}\n")
        res = ecsim_nb.check(failing)
        self.assertEqual((res.ok, res.failed), (False, 1))

    def test_options_are_read_from_the_usage_text(self):
        self.assertTrue(ecsim_nb.has_option("--seed"))
        self.assertFalse(ecsim_nb.has_option("--no-such-option"))
        self.assertTrue(ecsim_nb.has_command("run"))
        self.assertFalse(ecsim_nb.has_command("no-such-command"))

    def test_error_catalogue_lists_codes_with_http_status(self):
        df = ecsim_nb.error_catalogue()
        row = df[df["code"] == "SnapshotCreatedImage"]
        self.assertEqual(list(row["http"].unique()), [403])

    def test_error_scenarios_pair_each_scenario_with_the_codes_its_run_answered(self):
        root = Path(tempfile.mkdtemp())
        (root / "sub").mkdir()
        _write(root / "sub", "missing.yaml",
               "name: t\nregions:\n  cn-hangzhou: {}\nworkload:\n"
               "  - {at: 0s, Action: DeleteImage, RegionId: cn-hangzhou, ImageId: m-none}\n"
               "  - {at: 1s, Action: DeleteImage, RegionId: cn-hangzhou, ImageId: m-none}\n")
        _write(root, "fine.yaml", "name: t\nregions:\n  cn-hangzhou: {}\n")
        shown = ecsim_nb.error_scenarios(root)
        self.assertEqual(shown.values.tolist(),
                         [["sub/missing.yaml", "DeleteImage", "InvalidImageId.NotFound", 404]])

    def test_events_are_asked_for_only_when_wanted(self):
        if not ecsim_nb.has_option("--events"):
            self.skipTest("this build of ecsim has no --events")
        self.assertIsNone(ecsim_nb.run("scenarios/tour/01_from_instance.yaml").events)
        bars = ecsim_nb.lifecycle_intervals(ecsim_nb.run("scenarios/tour/01_from_instance.yaml", events=True))
        self.assertEqual(sorted(bars["kind"]), ["image", "snapshot", "snapshot"])  # one snapshot per disk

    def test_gantt_bars_end_at_the_terminal_status(self):
        r = ecsim_nb.run("scenarios/tour/01_from_instance.yaml")
        bars = ecsim_nb.lifecycle_intervals(r)
        image = bars[bars["kind"] == "image"].iloc[0]
        ops = r.operations
        self.assertAlmostEqual(image["end_s"], ops.loc[0, "status_at"], places=3)
        self.assertEqual(image["status"], "Available")


if __name__ == "__main__":
    unittest.main()
