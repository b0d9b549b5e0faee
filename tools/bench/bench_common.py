"""Helpers the benchmark drivers share: machine facts, waiting for a quiet machine, timed processes, medians.

Not run on its own; imported by job_throughput.py and tools_bench.py (run with /usr/bin/python3).
"""
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DAFT_NODE = os.path.join(REPO, "src", "GpuNode", "bin", "Release", "net10.0", "daft-node")
PYTHON = "/usr/bin/python3"  # Debian's: torch 1.13, torchvision 0.14, sklearn 1.2.1
HERE = os.path.dirname(os.path.abspath(__file__))


def loadavg():
    """(1-, 5-, 15-minute) load averages."""
    with open("/proc/loadavg") as f:
        return tuple(float(v) for v in f.read().split()[:3])


def cpu_busy_seconds():
    """CPU seconds all cores have spent busy since boot (user, nice, system, irq, softirq, steal), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def others_busy(seconds=3.0):
    """Cores kept busy by every process on the machine, sampled over a few seconds (0 = idle, 2 = both cores)."""
    before, started = cpu_busy_seconds(), time.perf_counter()
    time.sleep(seconds)
    return (cpu_busy_seconds() - before) / (time.perf_counter() - started)


def wait_for_quiet(max_load, max_wait, log=print):
    """Sleeps until the machine is quiet, for at most max_wait seconds: the 1-minute load average at most max_load
    and, over a 3 s sample, less than a third of a core busy.

    The load average lags (our own previous run leaves it near 2 on this 2-core machine; it decays below 1.5 within
    about 20 s), the sample sees what runs now. Returns (load triple when measuring starts, seconds waited, whether
    the machine was quiet).
    """
    started = time.monotonic()
    while True:
        load, busy = loadavg(), others_busy()
        quiet = load[0] <= max_load and busy < 0.33
        if quiet or time.monotonic() - started >= max_wait:
            return load, round(time.monotonic() - started, 1), quiet
        log(f"  load {load[0]:.2f}, {busy:.2f} cores busy now: waiting ({time.monotonic() - started:.0f}s so far)")
        time.sleep(12)


def timed(command, log=print, **kwargs):
    """Runs command. Returns (completed process, wall seconds, others): others is the average number of cores that
    other processes kept busy while it ran (machine-wide busy CPU time minus the command's own CPU time, over its
    wall time). With 2 threads on 2 cores anything above ~0.1 means the figure is contaminated. The completed
    process also carries max_rss_mib: the command's peak resident set (ru_maxrss of its own wait4, so only this
    child, not the earlier ones RUSAGE_CHILDREN would mix in). Raises with the output when the command fails."""
    log("  $ " + " ".join(command))
    own_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = cpu_busy_seconds()
    started = time.perf_counter()
    # Output to files, not pipes, so that the child can be reaped with wait4 (communicate() would reap it first).
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, **kwargs)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(command, child.returncode, out.read(), err.read())
    done.max_rss_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    wall = time.perf_counter() - started
    busy = cpu_busy_seconds() - busy_before
    own_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"command failed with exit code {done.returncode}: {' '.join(command)}")
    return done, wall, max(0.0, busy - own) / wall


def measured(run, args, label):
    """Calls run() -> dict (with 'wall' and 'others') on a quiet machine (see wait_for_quiet, args.max_load and
    args.max_wait), again while other processes kept more than args.busy_limit cores busy (up to args.retries more
    times; the last attempt counts). Adds the loads, the wait and the attempt number to the row."""
    for attempt in range(args.retries + 1):
        load, waited, quiet = wait_for_quiet(args.max_load, args.max_wait)
        row = run(attempt)
        row.update(attempt=attempt, load_before=load, load_after=loadavg(), waited=waited, quiet_before=quiet)
        print(f"  {label}: {row.get('summary', '')}process {row['wall']:.2f}s, others {row['others']:.2f} cores, "
              f"load before {fmt_load(load)} after {fmt_load(row['load_after'])}", flush=True)
        if row["others"] <= args.busy_limit:
            break
        print(f"  other processes kept {row['others']:.2f} cores busy: run again", flush=True)
    return row


def add_quiet_options(parser):
    """The options measured() reads."""
    parser.add_argument("--max-load", type=float, default=1.5, help="wait until the 1-minute load average is at most this")
    parser.add_argument("--max-wait", type=float, default=600, help="seconds to wait for a quiet machine before each run")
    parser.add_argument("--busy-limit", type=float, default=0.15, help="cores used by others during a run before it is rerun")
    parser.add_argument("--retries", type=int, default=2, help="reruns of a run that others disturbed")


def last_json_line(text):
    """The last line of text that parses as a JSON object (the tools print their summary last)."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError(f"no JSON line in output:\n{text}")


def median(values):
    return statistics.median(values) if values else float("nan")


def machine():
    """What the figures were measured on."""
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = subprocess.run([PYTHON, "-c", "import torch, torchvision, sklearn, numpy; "
                               "print(torch.__version__, torchvision.__version__, sklearn.__version__, numpy.__version__)"],
                              capture_output=True, text=True).stdout.split()
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "kernel": platform.release(),
        "loadavg_at_start": loadavg(),
        "torch": versions[0] if versions else "?",
        "torchvision": versions[1] if len(versions) > 1 else "?",
        "sklearn": versions[2] if len(versions) > 2 else "?",
        "numpy": versions[3] if len(versions) > 3 else "?",
    }


def fmt_load(load):
    return "/".join(f"{v:.2f}" for v in load)


def save_json(path, data):
    if path:
        with open(path, "w") as f:
            json.dump(data, f, indent=1)
        print(f"raw measurements written to {path}")
