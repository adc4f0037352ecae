#!/usr/bin/env python3
"""Two commands timed in alternation: A, B, A, B, ... (after one warm-up run of each).

On a shared virtual machine whose speed drifts by up to 2x within minutes, timing all of A's runs
and then all of B's (as hyperfine does) compares two different machines. Alternating puts each
run of A beside a run of B made moments later; the median of those pairs' ratios is the figure
to compare with a target ratio.

    benchmarks/paired.py RUNS COMMAND_A... -- COMMAND_B...
"""
import statistics
import subprocess
import sys
import time


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    runs, rest = int(sys.argv[1]), sys.argv[2:]
    split = rest.index("--")
    a, b = rest[:split], rest[split + 1:]
    timed(a), timed(b)
    pairs = [(timed(a), timed(b)) for _ in range(runs)]
    ta, tb = [x for x, _ in pairs], [y for _, y in pairs]
    ms = lambda seconds: round(1000 * seconds)
    print(f"A median {ms(statistics.median(ta))} ms (min {ms(min(ta))}), "
          f"B median {ms(statistics.median(tb))} ms (min {ms(min(tb))}); "
          f"median of pair ratios A/B {statistics.median(x / y for x, y in pairs):.2f}, "
          f"ratio of medians {statistics.median(ta) / statistics.median(tb):.2f}, "
          f"ratio of minimums {min(ta) / min(tb):.2f} ({runs} pairs)")


if __name__ == "__main__":
    main()
