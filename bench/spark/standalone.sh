#!/usr/bin/env bash
# The Spark engine on a real standalone cluster on this machine: a master and two one-core workers as separate
# processes on loopback, the `fast` training and a 200-run prediction submitted to them, then the same two commands run
# locally (./egaml), with the wall times side by side and the two results compared byte for byte.
# Usage: bench/spark/standalone.sh [DATA_DIR] [WORK_DIR]   (default data: ../shared/data/mars-ega)
# Run it on an idle machine: the two executors use both cores.
# Environment: PRESET (default fast); KILL_EXECUTOR_AFTER=S kills one executor's JVM S seconds into the training
# (a lost executor: its worker starts a new one, Spark runs the lost units again, the model must not change);
# LOCAL=0 skips the local runs (compare with an earlier WORK_DIR's model-local by hand).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
data=$(cd "${1:-$repo/../shared/data/mars-ega}" && pwd)
work=${2:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
source "$here/env.sh"
seed=1
preset=${PRESET:-fast}
executor_memory=${EXECUTOR_MEMORY:-4g}
# what ./egaml sets for training speed, passed on to the executors
malloc="--conf spark.executorEnv.MALLOC_MMAP_THRESHOLD_=4294967296 --conf spark.executorEnv.MALLOC_TRIM_THRESHOLD_=17179869184
 --conf spark.executorEnv.MALLOC_TOP_PAD_=536870912 --conf spark.executorEnv.TORCH_CPP_LOG_LEVEL=ERROR"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

# 200 runs to predict: the first 200 of the dataset's run files (any split)
mapfile -t runs < <(find "$data" -path '*_features/*' -name '*.csv*' | sort | head -200)

echo "== Spark standalone on loopback: master + 2 workers (1 core, $executor_memory executors each); logs in $work/logs"
mkdir -p "$work/logs"
java -Xmx512m $SPARK_JAVA_FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 7077 --webui-port 18080 > "$work/logs/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  SPARK_WORKER_DIR="$work/worker$w" java -Xmx512m $SPARK_JAVA_FLAGS -cp "$SPARK_HOME/jars/*" \
    org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 5g --webui-port $((18080 + w)) \
    --work-dir "$work/worker$w" spark://127.0.0.1:7077 > "$work/logs/worker$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 120); do
  alive=$(curl -s http://127.0.0.1:18080/json/ | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
  [[ "${alive:-0}" == 2 ]] && break
  sleep 1
done
[[ "${alive:-0}" == 2 ]] || { echo "the workers did not register; see $work/logs" >&2; exit 1; }

submit() {
  java -Xmx6g $SPARK_JAVA_FLAGS -Djava.awt.headless=true -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master spark://127.0.0.1:7077 --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --executor-memory "$executor_memory" --executor-cores 1 $malloc --class egaml.cli.EgamlCli "$EGAML_JAR" "$@"
}
timed() { # label, command...: runs it, prints its wall seconds
  local label=$1; shift
  local t0=$(date +%s.%N)
  "$@" > "$work/logs/$label.out" 2> "$work/logs/$label.err" || { echo "$label failed; see $work/logs/$label.err" >&2; tail -5 "$work/logs/$label.err" >&2; exit 1; }
  local t1=$(date +%s.%N)
  printf '%s %.1f\n' "$label" "$(echo "$t1 - $t0" | bc)" >> "$work/times.txt"
  printf '  %-14s %7.1f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
rm -f "$work/times.txt"
if [[ -n "${KILL_EXECUTOR_AFTER:-}" ]]; then
  ( sleep "$KILL_EXECUTOR_AFTER"
    victim=$(pgrep -f CoarseGrainedExecutorBackend | head -1 || true)
    if [[ -n "$victim" ]]; then kill -9 "$victim" && echo "  killed executor JVM $victim at ${KILL_EXECUTOR_AFTER} s"; fi ) &
fi
timed spark-train submit train --engine spark --data "$data" --preset $preset --seed $seed --out "$work/model-spark" --force --quiet
timed spark-predict submit predict --engine spark --model "$work/model-spark" --data "${runs[@]}" --out "$work/spark.csv" --chunk 25 --quiet
stop
pids=()

if [[ "${LOCAL:-1}" == 0 ]]; then
  grep -h "^units:\|^ensemble" "$work/logs/spark-train.out" | sed 's/^/  /'
  awk -F, 'NR > 1 && $5 > 0 { printf "  retried: %s (attempt %s on executor %s)\n", $2, $5, $4 }' "$work/model-spark/units.csv"
  echo "  wall times (s): $(tr '\n' ' ' < "$work/times.txt")"
  exit 0
fi
echo "== the same, locally (./egaml)"
timed local-train "$repo/egaml" train --data "$data" --preset $preset --seed $seed --out "$work/model-local" --force --quiet
timed local-predict "$repo/egaml" predict --model "$work/model-local" --data "${runs[@]}" --out "$work/local.csv" --quiet

echo "== results"
same() { cmp -s "$1" "$2" && echo identical || echo DIFFERENT; }
echo "  out-of-fold predictions (oof_models.csv): $(same "$work/model-spark/oof_models.csv" "$work/model-local/oof_models.csv")"
echo "  200-run predictions: $(same "$work/spark.csv" "$work/local.csv")"
grep -h "^oof\|^ensemble" "$work/logs/local-train.out" | head -2 | sed 's/^/  local:  /'
grep -h "^ensemble" "$work/logs/spark-train.out" | head -1 | sed 's/^/  spark:  /'
echo "  Spark units (model-spark/units.csv):"
awk -F, 'NR > 1 { n[$1]++; s[$1] += $3; if ($3 > m[$1]) m[$1] = $3; ex[$4] = 1 }
  END { for (k in n) printf "    %-4s %4d units, %.1f s on average, longest %.1f s, %.0f unit-seconds\n", k, n[k], s[k] / n[k], m[k], s[k];
        c = 0; for (e in ex) c++; printf "    on %d executors\n", c }' "$work/model-spark/units.csv"
grep -h "^units:" "$work/logs/spark-train.out" | sed 's/^/  /' || true
echo "  wall times (s): $(tr '\n' ' ' < "$work/times.txt")"
