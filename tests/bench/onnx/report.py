#!/usr/bin/python3
"""Helpers of tests/bench/onnx/run.sh.

  report.py measure OUT.jsonl -- COMMAND...
      runs COMMAND, appends each JSON line it prints to OUT.jsonl with what the machine did meanwhile:
      wall_s, the command's own CPU time (cpu_s, its children included), other_cpu_cores (CPU time of every
      other process on the machine during the run, in cores, from /proc/stat) and the load averages
      before and after. Echoes the lines; exits with the command's status.

  report.py table RUNS.jsonl HEADER.json
      prints the markdown report: latency (median over processes of each process's median), ratios to
      onnxruntime-node, allocations, and memory per session.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def cpu_busy_seconds():
    """Busy CPU time of the whole machine (all cores) from /proc/stat, in seconds."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    ticks = [int(v) for v in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    busy = sum(ticks[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(v) for v in f.read().split()[:3]]


def measure(out_path, command):
    load_before = loadavg()
    busy_before = cpu_busy_seconds()
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_after = cpu_busy_seconds()
    own = (usage_after.ru_utime - usage_before.ru_utime) + (usage_after.ru_stime - usage_before.ru_stime)
    other = max(0.0, (busy_after - busy_before) - own) / wall if wall > 0 else 0.0
    extra = {
        "wall_s": round(wall, 2),
        "cpu_s": round(own, 2),
        "other_cpu_cores": round(other, 2),
        "load_before": load_before,
        "load_after": loadavg(),
    }
    with open(out_path, "a") as out:
        for line in proc.stdout.splitlines():
            line = line.strip()
            if not line.startswith("{"):
                print(line)
                continue
            record = json.loads(line)
            record.update(extra)
            out.write(json.dumps(record) + "\n")
            print(json.dumps(record))
    return proc.returncode


def median(values):
    return statistics.median(values) if values else None


def size(count):
    return f"{count} B" if count < 1024 else f"{count / 1024:,.0f} KiB" if count < 1024 * 1024 else f"{count / 1024 / 1024:,.1f} MiB"


def fmt(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}"


def table(runs_path, header_path):
    with open(runs_path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    with open(header_path) as f:
        header = json.load(f)

    lines = [
        "## ONNX Runtime binding benchmark",
        "",
        f"- when: {header['started']} – {header['finished']} UTC",
        f"- machine: {header['cpu']}, {header['cores']} cores, {header['memory']}",
        f"- software: .NET {header['dotnet']}, Node {header['node']}, ONNX Runtime {header['ort']} "
        f"(same library file for both: {header['same_library']})",
        f"- load averages: {header['load_before']} before, {header['load_after']} after",
    ]
    others = [r["other_cpu_cores"] for r in runs if "other_cpu_cores" in r]
    if others:
        lines.append(
            f"- other processes during the measured runs: median {median(others):.2f} cores, "
            f"max {max(others):.2f} cores (of {header['cores']})")
    lines.append("")

    latency = [r for r in runs if r.get("case") == "latency"]
    if latency:
        rows = []
        order = [("ours", "Run"), ("ours", "RunInto"), ("ours", "ort-run"), ("node", "run"), ("node", "binding.run")]
        by_key = {}
        for r in latency:
            by_key.setdefault((r["impl"], r["api"]), []).append(r)
        node_runs = by_key.get(("node", "run"), [])
        node_us = median([r["us_per_call"] for r in node_runs])
        lines += [
            "### Per-call time, Add of two float [1, 256] tensors, one thread",
            "",
            "| implementation | call | µs per call (median) | each process | µs above ORT's own Run | allocated B/call | ÷ onnxruntime-node |",
            "|---|---|---:|---|---:|---:|---:|",
        ]
        labels = {
            ("ours", "Run"): ("VoiceFleet.Onnx", "`OnnxSession.Run` (new output tensor)"),
            ("ours", "RunInto"): ("VoiceFleet.Onnx", "`OnnxSession.RunInto` (caller's buffer)"),
            ("ours", "ort-run"): ("ORT C API", "`OrtApi::Run` alone, values made once (floor)"),
            ("node", "run"): ("onnxruntime-node", "`await session.run(feeds)`"),
            ("node", "binding.run"): ("onnxruntime-node", "its native binding, synchronous (internal; reference)"),
        }
        for key in order + sorted(k for k in by_key if k not in order):
            records = by_key.get(key)
            if not records:
                continue
            us = median([r["us_per_call"] for r in records])
            spread = ", ".join(fmt(r["us_per_call"], 2) for r in records)
            above = median([r["us_above_ort_run"] for r in records if "us_above_ort_run" in r])
            alloc = median([r["alloc_bytes_per_call"] for r in records if "alloc_bytes_per_call" in r])
            if node_us and key in (("ours", "Run"), ("ours", "RunInto")):
                ratio = f"**{us / node_us:.2f}×**"
            elif node_us:
                ratio = f"{us / node_us:.2f}×"
            else:
                ratio = ""
            impl, call = labels.get(key, key)
            rows.append(
                f"| {impl} | {call} | {fmt(us, 2)} | {spread} | {fmt(above, 2) if above is not None else ''} | "
                f"{fmt(alloc, 0) if alloc is not None else '—'} | {ratio} |")
        lines += rows
        calls = latency[0].get("calls")
        batches = latency[0].get("rounds")
        lines += [
            "",
            f"Each process: warm-up, then {batches} timed batches of {calls:,} calls of each kind, alternating (median "
            f"kept); {len(node_runs)} process(es) per side, interleaved ours, node, ours, node, …; the table takes the "
            "median of the processes. \"Above ORT's own Run\": batch by batch, the call's time minus `OrtApi::Run` "
            "timed next to it on the same session (the binding's share), median.",
            "",
        ]

    memory = [r for r in runs if r.get("case") == "memory"]
    if memory:
        lines += [
            "### Memory per additional open session",
            "",
            "| implementation | model | model file | sessions | RSS KiB/session (open) | RSS KiB/session (after 1 run) | RSS KiB/session (then malloc_trim) | native heap KiB/session (open / after 1 run) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in sorted(memory, key=lambda r: (r["model"], r["impl"] != "ours")):
            impl = "VoiceFleet.Onnx" if r["impl"] == "ours" else "onnxruntime-node"
            native = (f"{fmt(r['native_kib_per_session_open'], 0)} / {fmt(r['native_kib_per_session_run'], 0)}"
                      if "native_kib_per_session_open" in r else "—")
            lines.append(
                f"| {impl} | {r['model']} | {size(r['model_bytes'])} | {r['sessions']} | "
                f"{fmt(r['rss_kib_per_session_open'], 0)} | {fmt(r['rss_kib_per_session_run'], 0)} | "
                f"{fmt(r['rss_kib_per_session_trimmed'], 0) if 'rss_kib_per_session_trimmed' in r else '—'} | {native} |")
        lines += [
            "",
            "One process per row: a first session (library, environment, first-session costs) is opened and run "
            "before the baseline; the table is the growth from there divided by the extra sessions. RSS from "
            "/proc/self/status (C#) and process.memoryUsage() (Node), after a full GC; then, for ours, after "
            "malloc_trim(0), which returns what glibc kept after free (model-loading buffers); native heap from "
            "glibc mallinfo2 (bytes malloc has handed out, mmapped chunks included).",
            "",
        ]

    print("\n".join(lines))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "measure" and sys.argv[3] == "--":
        sys.exit(measure(sys.argv[2], sys.argv[4:]))
    if len(sys.argv) == 4 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3])
        return
    print(__doc__, file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()
