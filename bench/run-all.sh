#!/usr/bin/env bash
# Runs every load-driver scenario of docs/benchmarks.md in sequence, on the embedded default,
# PostgreSQL only and PostgreSQL + Redis. Results: bench/results/<scenario>-...-<UTC>.json/.md.
# Takes about 30 minutes on a 2-core machine; run it on an otherwise idle machine.
#   ./mvnw -B -ntp -q -DskipTests package && bash bench/run-all.sh
# J=path/to/ledgerbridge-tools.jar and R=results-dir override the defaults.
set -u
cd "$(dirname "$0")/.."
J=${J:-bench/target/ledgerbridge-tools.jar}
R=${R:-bench/results}
run() {
  echo
  echo "### $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) :: $*"
  timeout 1500 java -jar "$J" bench "$@" --results "$R" 2>&1 \
    | grep -E "^\| (throughput|accepted|errors|latency\.p(50|95|99)_ms|submit_to_terminal\.(p50|p95|p99|max)_ms|outcomes|fill\.(accepts|heap)|drain\.(seconds|jobs_per_s|runs_per_s|peak)|.*cpu_cores_used|.*rss_mib)|written"
}
# webhook accept: saturation, then open loop at 1,000/s
for s in embedded postgres postgres-redis; do run accept --substrate $s --saturate --connections 16 --duration 20 --warmup 15; done
for s in postgres-redis embedded; do run accept --substrate $s --rate 1000 --connections 64 --duration 20 --warmup 15; done
# end to end, Sage answering at once: a burst of 200, then paced at 10/s (the chassis's overhead)
for s in embedded postgres-redis; do for b in 1 4 16; do
  run e2e --substrate $s --sage-latency-ms 0-0 --invoices 200 --businesses $b
done; done
run e2e --substrate postgres --sage-latency-ms 0-0 --invoices 200 --businesses 4
for s in embedded postgres postgres-redis; do
  run e2e --substrate $s --sage-latency-ms 0-0 --invoices 200 --businesses 4 --rate 10
done
# end to end, Sage at 300-800 ms per call: paced at 1/s, then bursts over 1, 4 and 16 businesses
for s in embedded postgres-redis; do for b in 1 4 16; do
  run e2e --substrate $s --sage-latency-ms 300-800 --invoices 40 --businesses $b --rate 1
done; done
run e2e --substrate postgres --sage-latency-ms 300-800 --invoices 40 --businesses 4 --rate 1
for b in 1 4 16; do run e2e --substrate postgres-redis --sage-latency-ms 300-800 --invoices 64 --businesses $b; done
run e2e --substrate postgres-redis --sage-latency-ms 300-800 --invoices 64 --businesses 16 --workers 16
run e2e --substrate embedded --sage-latency-ms 300-800 --invoices 64 --businesses 16 --workers 16
# backlog burn-down: 100,000 accepted webhooks, then drained with no-op gateways
for s in embedded postgres postgres-redis; do run backlog --substrate $s --jobs 100000 --timeout 1500; done
echo
echo "### $(date -u +%H:%M:%S) done"
