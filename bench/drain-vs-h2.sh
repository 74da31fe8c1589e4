#!/usr/bin/env bash
# The embedded backlog drain measured against what the embedded database (H2) does when it is sent
# the database work of a drained run directly, with no chassis in between (`bench drain-ceiling`:
# the statements an H2 trace of an embedded drain shows, per run, on plain JDBC connections). The
# ceiling before, the drain, the ceiling after, and the ratio in jobs/s (a run is two jobs: its sync
# and its status push), all from one sitting, all under the heap bound of the backlog target.
#   ./mvnw -B -ntp -q -DskipTests package && bash bench/drain-vs-h2.sh
# Environment: RUNS (100000: the runs queued for the drain and for each ceiling run), CLIENTS (4:
# the drain's workers and the ceiling's threads), HEAP (256m), J (the tools jar). About 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pgbench-common.sh # the jar J, fail and measured (no PostgreSQL used here)
RUNS=${RUNS:-100000}
CLIENTS=${CLIENTS:-4}
HEAP=${HEAP:-256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# jobs/s from a report on standard input
jobs_per_s() { sed -n 's/^| drain\.jobs_per_s | *\([0-9.]*\).*/\1/p' | head -1; }

ceiling() {
  java "-Xmx$HEAP" -jar "$J" bench drain-ceiling --runs "$RUNS" --threads "$CLIENTS" \
    --results "$work" >"$work/ceiling-$1.txt" 2>&1 || fail "the ceiling run failed" "$work/ceiling-$1.txt"
  jobs_per_s <"$work/ceiling-$1.txt"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(ceiling before)
echo "H2 alone, before: $before jobs/s ($CLIENTS threads, $RUNS runs)"
java "-Xmx$HEAP" -jar "$J" bench backlog --substrate embedded --jobs "$RUNS" --workers "$CLIENTS" \
  --results "$work" >"$work/drain.txt" 2>&1 || fail "the drain failed" "$work/drain.txt"
drain=$(jobs_per_s <"$work/drain.txt")
grep -E "^\| drain\.(runs_completed|seconds|jobs_per_s|process\.cpu_seconds|peak_heap_used_mib_sampled) " "$work/drain.txt" || true
after=$(ceiling after)
echo "H2 alone, after:  $after jobs/s"
measured "$drain" "$before" "$after"
awk -v d="$drain" -v b="$before" -v c="$after" 'BEGIN {
  m = (b + c) / 2
  printf "drain %.0f jobs/s = %.1f%% of H2 alone (%.0f jobs/s: the mean of %.0f and %.0f)\n", d, 100 * d / m, m, b, c
}'
