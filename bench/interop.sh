#!/usr/bin/env bash
# Interop check of a trained model's exports (README "Using the models elsewhere"):
#   1. LightGBM, from the tables of `egaml features --model` and the saved text models, against egaml's raw scores;
#   2. PyTorch (Debian's python3-torch), from the arrays of `egaml export-nn`, against egaml's logits.
# Usage: bench/interop.sh MODEL_DIR RUNS_DIR [WORK_DIR]   (exit 1 if a check fails)
set -euo pipefail
model=${1:?usage: bench/interop.sh MODEL_DIR RUNS_DIR [WORK_DIR]}
runs=${2:?usage: bench/interop.sh MODEL_DIR RUNS_DIR [WORK_DIR]}
work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
egaml="$here/egaml"
mkdir -p "$work"
status=0
if [ -d "$model/gbt" ]; then
  /usr/bin/time -f "features --model: %e s, %M KB peak" "$egaml" features --model "$model" --data "$runs" \
    --out "$work/gbt" --force --quiet
  "$egaml" bench interop --model "$model" --inputs "$work/gbt" --data "$runs" || status=1
fi
if [ -d "$model/nn" ]; then
  /usr/bin/time -f "export-nn: %e s, %M KB peak" "$egaml" export-nn --model "$model" --data "$runs" \
    --out "$work/nn" --force --quiet
  if /usr/bin/python3 -c "import torch" 2>/dev/null; then
    /usr/bin/python3 "$here/tools/nn_from_npz.py" "$work/nn" | tail -1 || status=1
  else
    echo "PyTorch check skipped: no python3-torch (apt-get install python3-torch)"
    status=1
  fi
fi
echo "exports in $work"
exit $status
