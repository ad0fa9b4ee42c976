#!/bin/sh
# run.sh — make bench: the figures of docs/quality.md Q-PERF from an optimised build.
BUILD=${1:-build-bench}
echo "mmviz bench ($(nproc) cores; medians of 5 runs)"
"$BUILD"/bench
