#!/usr/bin/env bash
# Stops the lab: every process group recorded in $LAB_DIR/pids (one per
# component, each started in its own session by up.sh; Velero's plugin
# processes are in Velero's group). Only processes running a binary from
# $LAB_CACHE are signalled, so a stale pid file can't hit anything else.
# Logs are kept; env, lab.json and pids are removed.
#   down.sh --check   exit 0 iff every recorded component is still running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PIDS=$LAB_DIR/pids
CACHE_REAL=$(cat "$LAB_DIR/cache" 2>/dev/null || realpath -m "$LAB_CACHE")

# members PGID: live (non-zombie) processes of that group running a lab binary.
members() {
  local p
  for p in $(ps -e -o pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'); do
    [[ $(readlink "/proc/$p/exe" 2>/dev/null) == "$CACHE_REAL"/* ]] && echo "$p"
  done
  return 0
}

if [[ ${1:-} == --check ]]; then
  [[ -s $PIDS ]] || exit 1
  while read -r name pid; do
    [[ -n $(members "$pid") ]] || { log "$name (pid $pid) is not running"; exit 1; }
  done <"$PIDS"
  exit 0
fi

if [[ ! -f $PIDS ]]; then log "no lab processes recorded in $LAB_DIR"; exit 0; fi
# Stop in reverse start order (velero first, etcd last); TERM, then KILL.
tac "$PIDS" | while read -r name pid; do
  procs=$(members "$pid")
  [[ -n $procs ]] || continue
  kill -TERM $procs 2>/dev/null || true
  for _ in $(seq 50); do [[ -z $(members "$pid") ]] && break; sleep 0.2; done
  procs=$(members "$pid")
  if [[ -n $procs ]]; then log "$name: killing $procs"; kill -KILL $procs 2>/dev/null || true; fi
  log "$name stopped"
done
rm -f "$PIDS" "$LAB_DIR/env" "$LAB_DIR/lab.json"
log "lab down"
