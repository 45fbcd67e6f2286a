#!/usr/bin/env python3
"""Measure the dashboard as a person meets it: the release binary on the demo account in a
pseudo-terminal at 80x24.

Reports, next to the goals of the dashboard issue:
  - time to first frame: spawn -> the first output holding the header text `edgepurge`;
  - key-to-frame latency with --demo-latency 2000: a key written -> the frame that shows it,
    while every backend call takes 2 s;
  - key-to-frame latency while the history backfill runs (a fresh state directory, so the
    demo's whole 30-day history is there to fetch at 5 requests a second), and the same with
    --no-backfill, with how many invalidations the backfill stored meanwhile (read from the
    run's database);
  - CPU and bytes written over 10 s idle, once everything has loaded: as a first run is (the
    backfill fetching the history, its progress in the header) and with --no-backfill;
  - peak memory (VmHWM) with --demo-history 100000 after paging deep into a list.

Python 3.11 standard library only. Usage:
    scripts/measure-dashboard.py [--bin PATH] [--only first-frame,frames,keys,idle,memory,backfill]
        [--runs 20] [--keys 200] [--pages 1000] [--backfill-keys 600] [--backfill-latency 0]
Every run has a state directory of its own (EDGEPURGE_STATE_DIR), removed when it ends.
Builds target/release/edgepurge first if it is missing. Numbers depend on the machine and on
what else runs on it; the load average is printed with them.
"""

import argparse
import fcntl
import os
import re
import select
import shutil
import sqlite3
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROWS, COLS = 24, 80
CLK_TCK = os.sysconf("SC_CLK_TCK")


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def take_terminal():
    # In the child, after setsid: the pty on stdin becomes its controlling terminal, as a
    # shell would arrange (crossterm may open /dev/tty).
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Dashboard:
    """edgepurge --demo in a pseudo-terminal; everything it writes is kept in `out`."""

    def __init__(self, binary, args, state_dir):
        self.state_dir = state_dir
        master, slave = os.openpty()
        set_size(slave, ROWS, COLS)
        env = dict(os.environ)
        env.update(
            TERM="xterm-256color",
            NO_COLOR="1",
            EDGEPURGE_STATE_DIR=state_dir,
            EDGEPURGE_CONFIG="/dev/null",
            HOME=state_dir,
            XDG_STATE_HOME=os.path.join(state_dir, "state"),
            XDG_CONFIG_HOME=os.path.join(state_dir, "config"),
            XDG_DATA_HOME=os.path.join(state_dir, "data"),
        )
        self.spawned = time.perf_counter()
        self.proc = subprocess.Popen(
            [binary, "--demo", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=state_dir,
            start_new_session=True,
            preexec_fn=take_terminal,
        )
        os.close(slave)
        self.master = master
        self.out = bytearray()
        self.closed = False

    def read(self, timeout):
        """Wait up to `timeout` s for output; take all there is. The time it came, or None."""
        if self.closed:
            return None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return None
        at = time.perf_counter()
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except BlockingIOError:
                break
            except OSError:  # EIO: the child closed its side
                self.closed = True
                break
            if not chunk:
                self.closed = True
                break
            self.out += chunk
            # More may already be waiting; take it without blocking.
            if not select.select([self.master], [], [], 0)[0]:
                break
        return at

    def read_until(self, found, timeout):
        """Read until found(out) holds; the time of the read that made it hold, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            if found(self.out):
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0 or self.closed:
                return None
            at = self.read(left)
            if at is not None and found(self.out):
                return at

    def drain(self):
        while self.read(0) is not None:
            pass

    def quiet(self, for_s, timeout):
        """Read until nothing has come for `for_s` s; False if that did not happen in time."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.read(for_s) is None:
                return True
        return False

    def write(self, data):
        os.write(self.master, data)
        return time.perf_counter()

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            # Fields after the command name (which may hold spaces) start at field 3.
            fields = f.read().rsplit(")", 1)[1].split()
        utime, stime = int(fields[11]), int(fields[12])
        return (utime + stime) / CLK_TCK

    def cpu_ns(self):
        """CPU time of every thread in ns (schedstat), finer than the 10 ms ticks of stat."""
        total = 0
        task_dir = f"/proc/{self.proc.pid}/task"
        for tid in os.listdir(task_dir):
            try:
                with open(f"{task_dir}/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass  # a thread that ended meanwhile
        return total

    def status(self, key):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # kB
        return None

    def stop(self):
        """q, then SIGTERM, then SIGKILL; never leaves the child behind."""
        try:
            if self.proc.poll() is None:
                try:
                    self.write(b"q")
                except OSError:
                    pass
                end = time.perf_counter() + 3
                while self.proc.poll() is None and time.perf_counter() < end:
                    self.read(0.05)
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if self.proc.poll() is not None:
                    break
                self.proc.send_signal(sig)
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.close(self.master)
            shutil.rmtree(self.state_dir, ignore_errors=True)
        return self.proc.returncode


def session(binary, args):
    return Dashboard(binary, args, tempfile.mkdtemp(prefix="edgepurge-measure-"))


def percentile(values, p):
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


# A CloudFront distribution id, as the targets pane shows it.
DISTRIBUTION_ID = re.compile(rb"E[0-9A-Z]{13}(?![0-9A-Za-z])")


def list_shown(out):
    """An invalidation list with rows is on screen (the title's "0 loaded" is not enough)."""
    return b"Completed" in out or b"InProgress" in out


def first_frame(binary, runs):
    frames, lists = [], []
    for _ in range(runs):
        d = session(binary, [])
        try:
            at = d.read_until(lambda out: b"edgepurge" in out, 10)
            if at is None:
                raise SystemExit("no first frame within 10 s:\n" + d.out.decode(errors="replace"))
            frames.append(at - d.spawned)
            # The selected target's first page on screen: its rows' statuses.
            at = d.read_until(list_shown, 10)
            if at is not None:
                lists.append(at - d.spawned)
        finally:
            d.stop()
    return frames, lists


# Each frame is wrapped in synchronized output; its start marks one frame.
FRAME_START = b"\x1b[?2026h"


def frames_at_start(binary, runs, seconds=4.0):
    """Frames drawn in the first seconds: the first frame, then the answers at start (a count
    per distribution, tenants, Lightsail, the first list and its details) coalesced."""
    counts = []
    for _ in range(runs):
        d = session(binary, ["--no-backfill"])
        try:
            end = d.spawned + seconds
            while time.perf_counter() < end:
                d.read(end - time.perf_counter())
            counts.append(d.out.count(FRAME_START))
        finally:
            d.stop()
    return counts


def target_row_drawn(row):
    """Output that moves the cursor into screen row `row` (1-based) within the targets pane:
    the new selection being painted. The spinner (row 1) and answers landing in the right-hand
    panes (columns past the targets pane) do not match."""
    move = re.compile(rb"\x1b\[%d;(\d+)H" % row)
    pane_right_edge = COLS * 34 // 100
    return lambda out: any(int(m.group(1)) <= pane_right_edge for m in move.finditer(out))


def key_to_frame(binary, keys, pace, args=("--demo-latency", "2000"), during=None):
    """j and k, sweeping over the first six targets (the CloudFront distributions, which sit
    at rows 4.. of the screen), so every key moves the selection and so changes the screen.
    `during(d)`, if given, is called once the targets are there and again after the last key;
    what it returns both times is returned with the latencies."""
    d = session(binary, list(args))
    latencies, missed, seen = [], 0, []
    try:
        if d.read_until(lambda out: b"edgepurge" in out, 10) is None:
            raise SystemExit("no first frame within 10 s")
        # Keys move nothing until the targets are there: the first backend call. The
        # distributions come first in the pane; the Lightsail ones may arrive before them.
        if d.read_until(lambda out: len(set(DISTRIBUTION_ID.findall(out))) >= 6, 15) is None:
            raise SystemExit("the six demo distributions did not load within 15 s")
        d.quiet(0.2, 2)
        if during:
            seen.append(during(d))
        cursor, step = 0, 1
        for i in range(keys):
            if not 0 <= cursor + step <= 5:
                step = -step
            cursor += step
            d.drain()
            d.out.clear()
            sent = d.write(b"j" if step > 0 else b"k")
            at = d.read_until(target_row_drawn(4 + cursor), 1.0)
            if at is None:
                missed += 1
                print(
                    f"key {i}: no frame drawing row {4 + cursor} within 1 s "
                    f"({sent - d.spawned:.1f} s after start); output: {bytes(d.out[:300])!r}",
                    file=sys.stderr,
                )
            else:
                latencies.append(at - sent)
            rest = pace - (time.perf_counter() - sent)
            if rest > 0:
                d.read(rest)
        if during:
            seen.append(during(d))
    finally:
        d.stop()
    return latencies, missed, seen


def details_stored(d):
    """How many invalidations the backfill has fetched in full so far, read from the store
    (the demo's database in the run's own state directory), and when."""
    path = os.path.join(d.state_dir, "demo.db")
    at = time.perf_counter()
    if not os.path.exists(path):
        return at, 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return at, db.execute(
            "SELECT count(*) FROM invalidations WHERE details_at IS NOT NULL"
        ).fetchone()[0]
    except sqlite3.OperationalError:  # not yet created
        return at, 0
    finally:
        db.close()


def backfill_comparison(binary, keys, pace, latency):
    """Key-to-frame with the history backfill running (a fresh state directory, so there is
    all of the demo's history to fetch, at 5 requests a second) and with --no-backfill."""
    results = {}
    for name, extra in (("backfill running", []), ("--no-backfill", ["--no-backfill"])):
        args = ["--demo-latency", str(latency), *extra]
        latencies, missed, seen = key_to_frame(binary, keys, pace, args, details_stored)
        (start, before), (end, after) = seen
        results[name] = (latencies, missed, (after - before) / (end - start), after - before)
        print(f"key-to-frame, {name}: {len(latencies)} keys", file=sys.stderr)
    return results


def idle(binary, seconds, args=()):
    d = session(binary, list(args))
    try:
        if d.read_until(list_shown, 10) is None:
            raise SystemExit("the first list did not load within 10 s")
        # Loaded: nothing more comes (the spinner has stopped).
        if not d.quiet(3, 30):
            raise SystemExit("the dashboard kept drawing for 30 s after loading")
        before, before_ns = d.cpu_seconds(), d.cpu_ns()
        written = len(d.out)
        writes = 0
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if d.read(end - time.perf_counter()) is not None:
                writes += 1
        cpu = d.cpu_seconds() - before
        cpu_ns = d.cpu_ns() - before_ns
        since_start = time.perf_counter() - d.spawned
        return cpu, cpu_ns, len(d.out) - written, writes, since_start
    finally:
        d.stop()


def memory(binary, pages, pace):
    d = session(binary, ["--demo-history", "100000"])
    try:
        if d.read_until(list_shown, 10) is None:
            raise SystemExit("the first list did not load within 10 s")
        d.quiet(0.5, 5)
        start_hwm = d.status("VmHWM")
        d.write(b"\r")  # Enter: into the invalidations list
        d.quiet(0.2, 2)
        # End: to the last loaded row, which asks for the next page; once it has been drawn
        # (nothing more comes for `pace` s), again.
        for _ in range(pages):
            d.write(b"G")
            d.quiet(pace, 2)
        d.quiet(0.5, 10)
        # A resize redraws everything, so the list's title can be read whole.
        d.out.clear()
        set_size(d.master, ROWS + 1, COLS)
        d.read_until(lambda out: re.search(rb"(\d+) loaded", out), 5)
        found = re.findall(rb"(\d+) loaded", d.out)
        loaded = int(found[-1]) if found else None
        return start_hwm, d.status("VmHWM"), d.status("VmRSS"), loaded
    finally:
        d.stop()


MEASURES = ("first-frame", "frames", "keys", "idle", "memory", "backfill")


def latency_summary(latencies, missed):
    return (
        f"p50 {ms(percentile(latencies, 50))}, p99 {ms(percentile(latencies, 99))}, "
        f"max {ms(max(latencies))}"
        if latencies
        else "-"
    ) + (f"; {missed} keys with no frame in 1 s" if missed else "")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "edgepurge"))
    p.add_argument(
        "--only",
        default=",".join(MEASURES),
        help=f"which measures, comma-separated (default all: {','.join(MEASURES)})",
    )
    p.add_argument("--runs", type=int, default=20, help="starts timed for the first frame")
    p.add_argument("--keys", type=int, default=200, help="keys timed under 2 s latency")
    p.add_argument("--pace", type=float, default=0.05, help="seconds between keys")
    p.add_argument("--idle", type=float, default=10, help="seconds of idle measured")
    p.add_argument("--pages", type=int, default=1000, help="End presses (a page each)")
    p.add_argument(
        "--backfill-keys",
        type=int,
        default=600,
        help="keys timed with the backfill running, and again with --no-backfill",
    )
    p.add_argument(
        "--backfill-latency",
        type=int,
        default=0,
        help="--demo-latency (ms) for the backfill comparison; 0: the user's calls end at "
        "once, so the backfill, which waits for them, is never held back",
    )
    a = p.parse_args()
    only = set(a.only.split(","))
    if only - set(MEASURES):
        p.error(f"--only takes {', '.join(MEASURES)}")

    if not os.path.exists(a.bin):
        print(f"{a.bin} missing: cargo build --release", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)

    print(f"binary {a.bin}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    rows = []
    if "first-frame" in only:
        frames, lists = first_frame(a.bin, a.runs)
        print(f"first frame: {len(frames)} runs", file=sys.stderr)
        rows.append(
            (
                f"first frame ({len(frames)} runs)",
                f"median {ms(statistics.median(frames))}, max {ms(max(frames))}",
                "≤ 50 ms",
            )
        )
        rows.append(
            (
                "  first list on screen",
                f"median {ms(statistics.median(lists))}, max {ms(max(lists))}" if lists else "-",
                "",
            )
        )
    if "keys" in only:
        latencies, missed, _ = key_to_frame(a.bin, a.keys, a.pace)
        print(f"key-to-frame: {len(latencies)} keys", file=sys.stderr)
        rows.append(
            (
                f"key-to-frame, 2 s latency ({len(latencies)} keys)",
                latency_summary(latencies, missed),
                "≤ 16 ms p99",
            )
        )
    if "backfill" in only:
        compared = backfill_comparison(a.bin, a.backfill_keys, a.pace, a.backfill_latency)
        for name, (latencies, missed, rate, fetched) in compared.items():
            rows.append(
                (
                    f"key-to-frame, {name} ({len(latencies)} keys)",
                    latency_summary(latencies, missed)
                    + f"; {fetched} invalidations fetched meanwhile ({rate:.1f}/s)",
                    "≤ 16 ms p99",
                )
            )
    if "frames" in only:
        counts = frames_at_start(a.bin, a.runs)
        print(f"frames at start: {len(counts)} runs", file=sys.stderr)
        rows.append(
            (
                f"frames in the first 4 s ({len(counts)} runs)",
                f"median {statistics.median(counts):.0f}, max {max(counts)}",
                "a handful, not one per answer",
            )
        )
    if "idle" in only:
        # With the backfill (as a first run is), and without: idle is then really idle.
        for label, args in (("", ()), (", --no-backfill", ("--no-backfill",))):
            cpu, cpu_ns, idle_bytes, idle_writes, since = idle(a.bin, a.idle, args)
            print(f"idle{label}: done", file=sys.stderr)
            rows.append(
                (
                    f"idle {a.idle:.0f} s{label} (from {since - a.idle:.0f} s after start)",
                    f"CPU {cpu_ns / 1e6:.2f} ms ({cpu_ns / 1e7 / a.idle:.3f}% of a core; "
                    f"utime+stime {cpu * 1000:.0f} ms); "
                    f"{idle_bytes} bytes in {idle_writes} writes",
                    "no redraw (0 bytes)" if label else "",
                )
            )
    if "memory" in only:
        start_hwm, hwm, rss, loaded = memory(a.bin, a.pages, 0.02)
        rows.append(
            (
                "memory, --demo-history 100000",
                f"VmHWM {hwm / 1024:.1f} MB (at start {start_hwm / 1024:.1f} MB), "
                f"VmRSS {rss / 1024:.1f} MB; {loaded if loaded is not None else '?'} loaded",
                "≤ 60 MB",
            )
        )

    width = max(len(r[0]) for r in rows)
    result_width = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'result':<{result_width}}  goal")
    for name, result, goal in rows:
        print(f"{name:<{width}}  {result:<{result_width}}  {goal}")


if __name__ == "__main__":
    main()
