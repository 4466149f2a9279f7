"""Run the ecsim binary from a notebook and load what it writes into pandas.

The notebooks never read an output file themselves: they call this module, so the knowledge of
ecsim's file formats (``../shared/contract.md`` section 3, ``docs/analysis.md``) lives in one place
and is unit-tested (``notebooks/test_ecsim_nb.py``).

The binary is ``$ECSIM_BIN`` when set, else ``build/app/ecsim`` under the repository root (the
Release build of ``scripts/test.sh``). Every run writes into a fresh temporary directory that is
removed when the Python process ends, so executing a notebook leaves nothing behind.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent

_temp_root: Path | None = None


class EcsimError(RuntimeError):
    """ecsim exited with a status the caller did not expect; carries its stderr."""


# --------------------------------------------------------------------------------------------
# Finding and running the binary


def binary() -> Path:
    """The ecsim executable: $ECSIM_BIN, else build/app/ecsim under the repository root."""
    env = os.environ.get("ECSIM_BIN")
    path = Path(env) if env else REPO_ROOT / "build" / "app" / "ecsim"
    if not path.is_file() or not os.access(path, os.X_OK):
        raise FileNotFoundError(
            f"no ecsim executable at {path}: build it (cmake -S . -B build -G Ninja "
            "-DCMAKE_BUILD_TYPE=Release && cmake --build build --target ecsim) or set ECSIM_BIN")
    return path


def scenario(relative: str | os.PathLike) -> Path:
    """A scenario path given relative to the repository root (e.g. 'scenarios/quickstart.yaml')."""
    path = REPO_ROOT / relative
    if not path.is_file():
        raise FileNotFoundError(f"no scenario at {path}")
    return path


def temp_dir(prefix: str = "run") -> Path:
    """A new empty directory under this process's temporary root (removed at exit)."""
    global _temp_root
    if _temp_root is None:
        _temp_root = Path(tempfile.mkdtemp(prefix="ecsim-nb-"))
        atexit.register(shutil.rmtree, _temp_root, True)
    return Path(tempfile.mkdtemp(prefix=prefix + "-", dir=_temp_root))


def ecsim(*args: str | os.PathLike, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess:
    """Runs `ecsim ARGS...`, returning the completed process (text stdout and stderr).

    Raises EcsimError when the exit status is not in `ok` (0 by default; `ecsim check` exits 1
    when an expectation fails, which is a result, so pass ok=(0, 1) there).
    """
    cmd = [str(binary()), *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode not in ok:
        raise EcsimError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{proc.stderr.strip()}")
    return proc


# --------------------------------------------------------------------------------------------
# Loading output files (pure functions of a path; the unit tests feed them hand-written files)


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_operations(path: str | os.PathLike) -> pd.DataFrame:
    """operations.jsonl: one row per scenario call, in issue order (contract section 3).

    Adds `latency_s` (status_at - at: request to terminal status, NaN when there is none).
    Client fields (`client`, `attempts`, `retries`, `orphaned`, ...) are kept when present;
    `orphaned` is always a list (empty when the row has none).
    """
    rows = _read_jsonl(Path(path))
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    for col in ("status", "status_at", "code"):
        if col not in df.columns:
            df[col] = None
    df["status_at"] = pd.to_numeric(df["status_at"], errors="coerce")
    df["latency_s"] = df["status_at"] - df["at"]
    if "orphaned" in df.columns:
        df["orphaned"] = df["orphaned"].apply(lambda v: list(v) if isinstance(v, list) else [])
    # The most useful field of `response` gets its own column.
    df["ImageId"] = df["response"].apply(lambda r: r.get("ImageId") if isinstance(r, dict) else None)
    return df


def load_summary(path: str | os.PathLike) -> dict:
    """summary.json as a dict."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_events(path: str | os.PathLike) -> pd.DataFrame:
    """events.jsonl (the event trace): one row per event, columns as the file names them."""
    return pd.DataFrame(_read_jsonl(Path(path)))


def load_utilisation(path: str | os.PathLike) -> pd.DataFrame:
    """utilisation.csv: per region and resource, the level over [start, end) intervals.

    Adds `start_s` / `end_s` (seconds of virtual time) next to the integer microseconds.
    """
    df = pd.read_csv(path)
    df["start_s"] = df["start_us"] / 1e6
    df["end_s"] = df["end_us"] / 1e6
    return df


def load_throughput(path: str | os.PathLike) -> pd.DataFrame:
    """throughput.csv: completions per interval, with `start_s` / `end_s` added."""
    df = pd.read_csv(path)
    df["start_s"] = df["start_us"] / 1e6
    df["end_s"] = df["end_us"] / 1e6
    return df


def load_tidy(path: str | os.PathLike) -> pd.DataFrame:
    """sweep.csv or replications.csv (tidy: one row per ... x replication x metric)."""
    return pd.read_csv(path, dtype={"configuration": str})


def load_metric_summary(path: str | os.PathLike) -> pd.DataFrame:
    """sweep_summary.csv or replications_summary.csv (metric, n, mean, ci95_low, ci95_high, stddev)."""
    return pd.read_csv(path, dtype={"configuration": str})


def parse_configuration(configuration: str) -> dict[str, str]:
    """'regions.cn-hangzhou.quota.images=10;seed=3' -> {'regions....images': '10', 'seed': '3'}.

    A sweep names each configuration by its `--set` assignments joined with ';' (',' is accepted
    too; a value never contains '=').
    """
    out: dict[str, str] = {}
    for part in re.split(r"[;,]\s*(?=[^;,=]+=)", configuration.strip()):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out


# --------------------------------------------------------------------------------------------
# Runs


@dataclass
class Run:
    """One `ecsim run`: its output directory and the files loaded from it."""

    scenario: Path
    out: Path
    stdout: str

    @property
    def operations(self) -> pd.DataFrame:
        return load_operations(self.out / "operations.jsonl")

    @property
    def summary(self) -> dict:
        return load_summary(self.out / "summary.json")

    def has(self, name: str) -> bool:
        """Whether this build of ecsim wrote the output file `name`."""
        return (self.out / name).is_file()

    @property
    def events(self) -> pd.DataFrame | None:
        """events.jsonl when this build writes it, else None."""
        return load_events(self.out / "events.jsonl") if self.has("events.jsonl") else None

    @property
    def utilisation(self) -> pd.DataFrame | None:
        return load_utilisation(self.out / "utilisation.csv") if self.has("utilisation.csv") else None

    @property
    def throughput(self) -> pd.DataFrame | None:
        return load_throughput(self.out / "throughput.csv") if self.has("throughput.csv") else None


def run(scenario_file: str | os.PathLike, seed: int | None = None, args: Iterable[str] = (),
        events: bool = False) -> Run:
    """`ecsim run SCENARIO --out TMP --quiet`; a relative path is taken from the repository root.

    `events=True` also asks for the event trace (`--events`, events.jsonl) when this build of
    ecsim has that option; `Run.events` is None otherwise.
    """
    path = _scenario_arg(scenario_file)
    out = temp_dir("run")
    cmd = ["run", path, "--out", out, "--quiet", *args]
    if events and has_option("--events"):
        cmd.append("--events")
    if seed is not None:
        cmd += ["--seed", str(seed)]
    proc = ecsim(*cmd)
    return Run(scenario=path, out=out, stdout=proc.stdout)


@dataclass
class Replications:
    """`ecsim run --replications K`: per-replication rows and the mean / 95% CI per metric.

    `stem` is 'replications' for a plain run, 'sweep' when the replications ran as a
    one-configuration sweep (the files then also have a `configuration` column).
    """

    out: Path
    stdout: str
    stem: str = "replications"

    @property
    def rows(self) -> pd.DataFrame:
        return load_tidy(self.out / f"{self.stem}.csv")

    @property
    def summary(self) -> pd.DataFrame:
        return load_metric_summary(self.out / f"{self.stem}_summary.csv")


def replications(scenario_file: str | os.PathLike, k: int, seed: int | None = None,
                 threads: int | None = None, sets: Mapping[str, object] | None = None) -> Replications:
    """K replications of a scenario (seeds derived from the base seed, docs/analysis.md).

    `sets` fixes sweep-style overrides ({'regions.cn-hangzhou.quota.images': 10}); they run as a
    one-configuration sweep.
    """
    path = _scenario_arg(scenario_file)
    if sets:
        sw = sweep(path, {key: [value] for key, value in sets.items()}, replications=k, seed=seed,
                   threads=threads)
        return Replications(out=sw.out, stdout=sw.stdout, stem="sweep")
    out = temp_dir("replications")
    cmd = ["run", path, "--replications", str(k), "--out", out, "--quiet"]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    proc = ecsim(*cmd)
    return Replications(out=out, stdout=proc.stdout)


@dataclass
class Sweep:
    """`ecsim sweep`: tidy rows and per-configuration summaries, with one column per `--set` path."""

    out: Path
    stdout: str
    parameters: list[str] = field(default_factory=list)

    def _with_parameters(self, df: pd.DataFrame) -> pd.DataFrame:
        params = df["configuration"].map(parse_configuration)
        for p in self.parameters:
            values = params.map(lambda d, p=p: d.get(p))
            numbers = pd.to_numeric(values, errors="coerce")
            # A numeric path (a quota) becomes numbers; one with units ('1GiB/s') stays text.
            df[p] = numbers if numbers.notna().all() else values
        return df

    @property
    def rows(self) -> pd.DataFrame:
        return self._with_parameters(load_tidy(self.out / "sweep.csv"))

    @property
    def summary(self) -> pd.DataFrame:
        return self._with_parameters(load_metric_summary(self.out / "sweep_summary.csv"))


def sweep(scenario_file: str | os.PathLike, sets: Mapping[str, Sequence[object]], replications: int = 1,
          seed: int | None = None, threads: int | None = None, metrics: Iterable[str] = ()) -> Sweep:
    """`ecsim sweep SCENARIO --set PATH=V1,V2,... --replications K` into a temporary directory."""
    path = _scenario_arg(scenario_file)
    out = temp_dir("sweep")
    cmd: list[object] = ["sweep", path, "--out", out, "--replications", replications, "--quiet"]
    for key, values in sets.items():
        cmd += ["--set", f"{key}={','.join(str(v) for v in values)}"]
    if seed is not None:
        cmd += ["--seed", seed]
    if threads is not None:
        cmd += ["--threads", threads]
    for m in metrics:
        cmd += ["--metric", m]
    proc = ecsim(*map(str, cmd))
    return Sweep(out=out, stdout=proc.stdout, parameters=list(sets))


# --------------------------------------------------------------------------------------------
# The other commands


@dataclass
class CheckResult:
    returncode: int
    stdout: str
    stderr: str
    passed: int
    failed: int

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def parse_check_counts(text: str) -> tuple[int, int]:
    """The closing 'N passed, N failed' line of `ecsim check`."""
    found = re.findall(r"(\d+) passed, (\d+) failed", text)
    if not found:
        raise ValueError("no 'N passed, N failed' line in ecsim check's output")
    passed, failed = found[-1]
    return int(passed), int(failed)


def check(*scenario_files: str | os.PathLike) -> CheckResult:
    """`ecsim check SCENARIO...`; a failed expectation is a result (exit 1), not an exception."""
    proc = ecsim("check", *map(_scenario_arg, scenario_files), ok=(0, 1))
    passed, failed = parse_check_counts(proc.stdout + proc.stderr)
    return CheckResult(proc.returncode, proc.stdout, proc.stderr, passed, failed)


def parse_error_catalogue(text: str) -> pd.DataFrame:
    """`ecsim errors --md` -> DataFrame(http, code, message[, action]) in catalogue order.

    The markdown table's columns are read by their header names, so a build that adds a column
    (e.g. the Action) keeps working.
    """
    lines = [l for l in text.splitlines() if l.startswith("|")]
    header = [h.strip().lower() for h in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        # A message may itself contain '|': everything past the last header column belongs to it.
        if len(cells) > len(header):
            cells = cells[: len(header) - 1] + [" | ".join(cells[len(header) - 1:])]
        rows.append(dict(zip(header, cells)))
    df = pd.DataFrame(rows)
    df["code"] = df["code"].str.strip("`")
    df["http"] = pd.to_numeric(df["http"])
    return df.drop(columns=[c for c in ("#",) if c in df.columns])


def error_catalogue() -> pd.DataFrame:
    """Every error code ecsim can answer, with its HTTP status and message (`ecsim errors --md`)."""
    return parse_error_catalogue(ecsim("errors", "--md").stdout)


def error_scenarios(root: str | os.PathLike = "scenarios/errors") -> pd.DataFrame:
    """Runs every scenario under `root` and lists the error answers each run gave.

    One row per (scenario, Action, code, http): which scenario shows which code, taken from what
    the simulator answered, not from the file names. `scenario` is the path relative to `root`
    (a relative `root` is taken from the repository root). The runs are independent processes,
    so they run a few at a time.
    """
    from concurrent.futures import ThreadPoolExecutor

    base = REPO_ROOT / root
    paths = sorted(base.rglob("*.yaml"))

    def answers(path: Path) -> list[dict]:
        out = temp_dir("errors")
        ecsim("run", path, "--out", out, "--quiet")
        found: dict[tuple, None] = {}  # first-seen order, no duplicates
        for op in _read_jsonl(out / "operations.jsonl"):
            if op.get("outcome") == "error":
                found[(op["Action"], op["code"], int(op["http"]))] = None
        return [{"scenario": str(path.relative_to(base)), "Action": a, "code": c, "http": h} for a, c, h in found]

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        rows = [row for rows in pool.map(answers, paths) for row in rows]
    return pd.DataFrame(rows, columns=["scenario", "Action", "code", "http"])


def _usage() -> str:
    proc = subprocess.run([str(binary()), "--help"], capture_output=True, text=True, check=False)
    return proc.stdout + proc.stderr


def has_command(name: str) -> bool:
    """Whether this build of ecsim has the subcommand `name` (it is listed in its usage text)."""
    return re.search(rf"^\s*ecsim {re.escape(name)}\b", _usage(), re.M) is not None


def has_option(option: str) -> bool:
    """Whether this build of ecsim's usage text lists `option` (e.g. '--events')."""
    return re.search(rf"\[{re.escape(option)}\b|^\s*{re.escape(option)}\b", _usage(), re.M) is not None


def lifecycle_dot() -> str:
    """The image and snapshot state machines as Graphviz DOT (`ecsim lifecycle --dot`)."""
    return ecsim("lifecycle", "--dot").stdout


def graph_dot(scenario_file: str | os.PathLike, before: bool = False) -> str:
    """The resource-dependency graph of a scenario as DOT (`ecsim graph`)."""
    args = ["graph", _scenario_arg(scenario_file)] + (["--before"] if before else [])
    return ecsim(*args).stdout


def explain(scenario_file: str | os.PathLike) -> str:
    """The run narrated in plain language (`ecsim explain`)."""
    return ecsim("explain", _scenario_arg(scenario_file)).stdout


def report(directory: str | os.PathLike, markdown: bool = True) -> str:
    """`ecsim report DIR [--md]`."""
    return ecsim("report", directory, *(["--md"] if markdown else [])).stdout


def render_svg(dot: str) -> str | None:
    """DOT rendered to SVG text by Graphviz's `dot`, or None when Graphviz is not installed."""
    exe = shutil.which("dot")
    if exe is None:
        return None
    proc = subprocess.run([exe, "-Tsvg"], input=dot, capture_output=True, text=True, check=True)
    return proc.stdout


def write_scenario(text: str, name: str = "scenario.yaml") -> Path:
    """Writes scenario YAML text into a new temporary directory and returns its path."""
    path = temp_dir("scenario") / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(scenario_file: str | os.PathLike) -> tuple[bool, str]:
    """`ecsim validate SCENARIO`: (valid, the FILE:LINE:COL messages when not)."""
    proc = ecsim("validate", _scenario_arg(scenario_file), ok=(0, 2))
    return proc.returncode == 0, proc.stderr.strip()


def copy_queue_scenario(arrival_rate_per_s: float, copies: int = 600, slots: int = 5,
                        mean_size_mib: float = 10000.0, task_mib_s: int = 100, sizes_seed: int = 1) -> str:
    """Scenario text of an M/M/c CopyImage queue (docs/analysis.md, "Erlang C").

    `copies` CopyImage calls from cn-hangzhou to cn-shanghai at Poisson times (a generator, so each
    replication draws its own arrivals), each of its own image with one snapshot whose size is
    exponential with mean `mean_size_mib` (drawn here once, from `sizes_seed`). The destination
    runs `slots` copies at once, each at `task_mib_s` (models.copy.task_bandwidth) on a link wide
    enough for all of them, with no build time and no noise: a copy's service time is its size /
    task rate, exponential with mean mean_size_mib / task_mib_s seconds.
    """
    import random  # the standard library's generator: the sizes depend on sizes_seed only

    rng = random.Random(sizes_seed)
    sizes = [max(1, math.ceil(rng.expovariate(1.0 / (mean_size_mib * 1024 * 1024)))) for _ in range(copies)]
    lines = [
        "name: copy-queue",
        "seed: 7",
        "regions:",
        "  cn-hangzhou: {quota: {images: 10000000, snapshots: 10000000}}",
        f"  cn-shanghai: {{copy_slots: {slots}, quota: {{images: 10000000, snapshots: 10000000}}}}",
        "network:",
        "  links:",
        f"    - {{between: [cn-hangzhou, cn-shanghai], bandwidth: {slots * task_mib_s * 2}MiB/s, latency: 0ms}}",
        "models:",
        f"  copy: {{build: 0s, noise_cv: 0, task_bandwidth: {task_mib_s}MiB/s}}",
        "  api: {latency_cv: 0}",
        "snapshots:",
    ]
    lines += [f"  - {{SnapshotId: s-{i}, RegionId: cn-hangzhou, SourceDiskType: system, Size: {b}B, "
              "CreationTime: 2025-12-01T00:00:00Z}" for i, b in enumerate(sizes, 1)]
    lines.append("images:")
    lines += [f"  - {{ImageId: m-{i}, RegionId: cn-hangzhou, ImageName: img-{i}, Snapshots: [s-{i}]}}"
              for i in range(1, copies + 1)]
    per_hour = arrival_rate_per_s * 3600
    if abs(per_hour - round(per_hour)) > 1e-9:
        raise ValueError("a Poisson generator's rate is whole calls per unit: give a rate of n/3600 per second")
    lines += [
        "generators:",
        "  - arrivals: poisson",
        f"    rate: {round(per_hour)}/h",
        f"    count: {copies}",
        "    call: {Action: CopyImage, RegionId: cn-hangzhou, ImageId: \"m-{n}\", DestinationRegionId: cn-shanghai}",
    ]
    return "\n".join(lines) + "\n"


def _scenario_arg(scenario_file: str | os.PathLike) -> Path:
    path = Path(scenario_file)
    return path if path.is_absolute() else scenario(path)


# --------------------------------------------------------------------------------------------
# Shapes for plots


def lifecycle_intervals(r: Run) -> pd.DataFrame:
    """Bars for a Gantt chart: one row per snapshot or image with its start, end and final state.

    From events.jsonl when this build writes it (every snapshot, including those CreateImage takes
    of an instance's disks); otherwise from operations.jsonl (each call that created a resource:
    request -> terminal status). Columns: kind ('snapshot' | 'image'), id, region (None when
    unknown), start_s, end_s, status, source ('events' | 'operations').
    """
    ev = r.events
    if ev is not None and not ev.empty:
        bars = _intervals_from_events(ev)
        if not bars.empty:
            return bars
    ops = r.operations
    rows = []
    for _, op in ops[ops["outcome"] == "ok"].iterrows():
        resp = op["response"] if isinstance(op["response"], dict) else {}
        rid, kind = None, None
        if op["Action"] in ("CreateImage", "CopyImage") and resp.get("ImageId"):
            rid, kind = resp["ImageId"], "image"
        elif op["Action"] == "CreateSnapshot" and resp.get("SnapshotId"):
            rid, kind = resp["SnapshotId"], "snapshot"
        if rid is None:
            continue
        end = op["status_at"] if not math.isnan(op["status_at"]) else float(r.summary["end_time"])
        # operations.jsonl names the region the call was sent to: a copy's lives elsewhere.
        region = op.get("RegionId") if op["Action"] != "CopyImage" else None
        rows.append({"kind": kind, "id": rid, "region": region, "start_s": float(op["at"]),
                     "end_s": float(end), "status": op["status"], "source": "operations"})
    return pd.DataFrame(rows, columns=["kind", "id", "region", "start_s", "end_s", "status", "source"])


def _intervals_from_events(ev: pd.DataFrame) -> pd.DataFrame:
    """First and last line of each snapshot / image in events.jsonl, and its last status.

    events.jsonl (analysis/event_trace.h) has one line per happening with `t_us`,
    `resource_type`, `resource` and `to` (the status after it); the call that created a resource
    names it too, so an image's bar starts at the request.
    """
    columns = ["kind", "id", "region", "start_s", "end_s", "status", "source"]
    if not {"t_us", "resource_type", "resource"} <= set(ev.columns):
        return pd.DataFrame(columns=columns)
    sub = ev[ev["resource_type"].isin(["snapshot", "image"]) & ev["resource"].notna()]
    sub = sub.assign(_t=pd.to_numeric(sub["t_us"]) / 1e6)
    rows = []
    for (kind, rid), g in sub.groupby(["resource_type", "resource"], sort=False):
        to = g["to"].dropna() if "to" in g.columns else pd.Series(dtype=object)
        region = g["region"].dropna().iloc[0] if "region" in g.columns and g["region"].notna().any() else None
        rows.append({"kind": kind, "id": rid, "region": region,
                     "start_s": float(g["_t"].min()), "end_s": float(g["_t"].max()),
                     "status": to.iloc[-1] if not to.empty else None, "source": "events"})
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------
# Replication statistics


# Student's t 0.975 quantiles by degrees of freedom, as docs/analysis.md describes ecsim's own
# (a table, linear in 1/df between entries), so intervals computed here match ecsim's.
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
         10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110,
         18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060,
         26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def t975(df: int) -> float:
    """Student's t 0.975 quantile with df degrees of freedom."""
    if df < 1:
        raise ValueError("t975 needs df >= 1")
    if df in _T975:
        return _T975[df]
    keys = sorted(_T975) + [math.inf]
    values = [_T975[k] for k in keys[:-1]] + [1.960]
    for lo, hi, vlo, vhi in zip(keys, keys[1:], values, values[1:]):
        if lo < df < hi:
            w = (1 / lo - 1 / df) / (1 / lo - (0 if hi == math.inf else 1 / hi))
            return vlo + w * (vhi - vlo)
    return 1.960


def mean_ci95(values: Iterable[float]) -> tuple[float, float, float]:
    """(mean, ci95_low, ci95_high) of independent replications' values; no interval for n = 1."""
    v = [float(x) for x in values]
    n = len(v)
    if n == 0:
        return (math.nan, math.nan, math.nan)
    m = sum(v) / n
    if n == 1:
        return (m, math.nan, math.nan)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (n - 1))
    h = t975(n - 1) * sd / math.sqrt(n)
    return (m, m - h, m + h)


def per_replication(rows: pd.DataFrame, metrics: Sequence[str], keys: Sequence[str] = ("configuration",),
                    fill_zero: Sequence[str] = ()) -> pd.DataFrame:
    """Tidy sweep / replication rows -> one row per (keys..., replication), one column per metric.

    Count metrics are absent from a run when they are 0 (docs/analysis.md): name them in
    `fill_zero` so a missing value is 0 rather than NaN.
    """
    keys = [k for k in keys if k in rows.columns]
    sub = rows[rows["metric"].isin(metrics)]
    wide = sub.pivot_table(index=[*keys, "replication"], columns="metric", values="value", aggfunc="first")
    # Every (keys, replication) of the run, even one where none of the metrics appeared.
    full = rows[[*keys, "replication"]].drop_duplicates().set_index([*keys, "replication"]).index
    wide = wide.reindex(full)
    for m in metrics:
        if m not in wide.columns:
            wide[m] = math.nan
    for m in fill_zero:
        wide[m] = wide[m].fillna(0)
    wide.columns.name = None
    return wide.reset_index()


def summarise(df: pd.DataFrame, by: Sequence[str], column: str) -> pd.DataFrame:
    """Mean and 95% CI of `column` over replications, per group of `by`."""
    out = []
    by = list(by)
    for key, g in df.groupby(by if len(by) > 1 else by[0], sort=True):
        m, lo, hi = mean_ci95(g[column].dropna())
        key = key if isinstance(key, tuple) else (key,)
        out.append({**dict(zip(by, key)), "n": int(g[column].notna().sum()), "mean": m,
                    "ci95_low": lo, "ci95_high": hi})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------------------------
# Queueing theory (docs/analysis.md, "Theory checks"): the analytic curves next to simulations


def erlang_b(c: int, a: float) -> float:
    """Erlang B: the blocking probability of M/G/c/c with offered load a = lambda * E[S]."""
    if c < 0 or a < 0:
        raise ValueError("erlang_b needs c >= 0 and a >= 0")
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(c: int, a: float) -> float:
    """Erlang C: P(wait > 0) in M/M/c with offered load a < c."""
    if not 0 <= a < c:
        raise ValueError("erlang_c needs 0 <= a < c (a stable queue)")
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def mmc_mean_wait(c: int, a: float, mean_service_s: float) -> float:
    """Mean wait in queue of M/M/c: Wq = C(c, a) * E[S] / (c - a)."""
    return erlang_c(c, a) * mean_service_s / (c - a)
