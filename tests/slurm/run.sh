#!/bin/bash
# A real single-node Slurm (Debian's slurm-wlm + munge) running the job array of
# docs/sweeps.md: the script `schedlab compare --emit-sbatch` writes, submitted with bash as
# the docs say, one task made to fail, re-submitted with --array=K, the merged JSON and CSV
# compared byte for byte with an unsharded compare.
#
#   tests/slurm/run.sh SCHEDLAB_BINARY       exit 0 pass, 1 fail, 77 skipped (with the reason)
#
# Everything lives in one temporary directory: munge key and socket, slurm.conf, state,
# spool, logs. The daemons run in the foreground, started here, and are stopped by pid in
# an EXIT trap whatever happens. Set SCHEDLAB_SLURM_KEEP=1 to keep the directory.
set -uo pipefail

schedlab=${1:?usage: run.sh SCHEDLAB_BINARY}
schedlab=$(readlink -f "$schedlab")
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; for f in "$T"/log/*.log; do echo "--- $f"; tail -n 15 "$f"; done; exit 1; }

[[ $(id -u) == 0 ]] || skip "needs root (slurmd runs jobs as their users; munged and slurmctld as root here)"
for c in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$c" >/dev/null || skip "$c not found (Debian: apt-get install slurm-wlm munge)"
done
[[ -x $schedlab ]] || skip "no schedlab binary at $schedlab"

T=$(mktemp -d /tmp/schedlab-slurm.XXXXXX)
chmod 755 "$T"  # munged wants every directory above its socket searchable by all
pids=()
stop_daemons() {
  local pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [[ ${SCHEDLAB_SLURM_KEEP:-} == 1 ]] && echo "kept $T" || rm -rf "$T"
}
trap stop_daemons EXIT
trap 'exit 1' INT TERM
mkdir -p "$T"/{munge,state,spool,log,work}

# --- munge: its own key and socket -------------------------------------------------------
mungekey --create --keyfile="$T/munge/munge.key" >/dev/null 2>&1 || skip "mungekey cannot create a key"
munged -F --socket="$T/munge/socket" --key-file="$T/munge/munge.key" --pid-file="$T/munge/munged.pid" \
  --seed-file="$T/munge/seed" >"$T/log/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -S $T/munge/socket ]] && break; sleep 0.1; done
[[ -S $T/munge/socket ]] || skip "munged did not start: $(tail -n 1 "$T/log/munged.log")"

# --- slurm.conf for this host: the node line as slurmd -C sees it (CPUs, RealMemory) --------
host=$(hostname -s)
node_line=$(slurmd -C | head -n 1)
node=${node_line%% *}; node=${node#NodeName=}
cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$node_line")
port=$((20000 + $$ % 20000))  # not Slurm's 6817/6818, so a real Slurm on this host is left alone
export SLURM_CONF=$T/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=schedlabtest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
PlugStackConfig=$T/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
KillWait=2
MinJobAge=300
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
: >"$T/plugstack.conf"

slurmctld -D -c -f "$SLURM_CONF" >>"$T/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node" >>"$T/log/slurmd.out" 2>&1 &
pids+=($!)
up=""
for _ in $(seq 150); do  # 15 s; about 6 s is usual
  [[ $(sinfo -h -o %t 2>/dev/null) == idle* ]] && { up=1; break; }
  sleep 0.1
done
[[ -n $up ]] || fail "the node did not come up within 15 s"
echo "slurm up: node $node, $cpus CPUs, port $port"
# docs/sweeps.md: a task asking for more CPUs than a node has.
# Accepted, and pending for ever: scancel it, or sched/builtin's FIFO holds up what follows.
big=$(sbatch --parsable --cpus-per-task=$((cpus + 1)) --wrap true 2>&1) || fail "sbatch refused: $big"
sleep 0.5
echo "sbatch --cpus-per-task=$((cpus + 1)) on this $cpus-CPU node: job $big, $(squeue -h -j "$big" -o '%T, reason %r')"
scancel "$big"

# --- the sweep ---------------------------------------------------------------------------
cd "$T/work"
sweep=(gen:n=30,io-share=0.3 -p fcfs -p rr -p sjf --seeds 1..12)
"$schedlab" compare "${sweep[@]}" -f json -o unsharded.json || fail "unsharded compare"
"$schedlab" compare "${sweep[@]}" -f csv -o unsharded.csv || fail "unsharded compare"
"$schedlab" compare "${sweep[@]}" -f json -o sweep.json -j 1 --tasks 4 --emit-sbatch sweep.sbatch || fail "--emit-sbatch"

# A schedlab that fails shard 3 once, and notes what Slurm told each task.
cat >fail-once <<EOF
#!/bin/bash
echo "task \${SLURM_ARRAY_TASK_ID:-none} count \${SLURM_ARRAY_TASK_COUNT:-unset} min \${SLURM_ARRAY_TASK_MIN:-} max \${SLURM_ARRAY_TASK_MAX:-}" >>$T/work/task-env
if [[ \${SLURM_ARRAY_TASK_ID:-} == 3 && ! -e $T/work/failed-once ]]; then touch $T/work/failed-once; exit 1; fi
exec "$schedlab" "\$@"
EOF
chmod +x fail-once

job_state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | tr '\n' ' '; }
wait_gone() {  # job $1 out of the queue (every task ended) within $2 s
  for _ in $(seq $(($2 * 10))); do [[ -z $(squeue -h -j "$1" 2>/dev/null) ]] && return 0; sleep 0.1; done
  fail "job $1 still queued after $2 s: $(job_state "$1")"
}

# As docs/sweeps.md says: submit with bash; the merge job follows the array.
out=$(SCHEDLAB=$T/work/fail-once bash sweep.sbatch) || fail "bash sweep.sbatch: $out"
echo "$out"
read -r array merge < <(sed -n 's/^sweep job \([0-9]*\), merge job \([0-9]*\)$/\1 \2/p' <<<"$out")
[[ -n $array && -n $merge ]] || fail "unexpected output of bash sweep.sbatch: $out"
wait_gone "$array" 30
wait_gone "$merge" 15
[[ $(job_state "$merge") == "CANCELLED " ]] || fail "merge job after a failed task: $(job_state "$merge"), not CANCELLED"
[[ ! -e sweep.json ]] || fail "sweep.json exists although a task failed"
missing=$("$schedlab" merge shards/shard-*.json -f json -o /dev/null 2>&1)
[[ $missing == *"missing shard 3/4"* ]] || fail "merge of the incomplete shards said: $missing"
echo "task 3 failed; the merge job was cancelled; merge says: $missing"

# Re-submit the failed task with --array=3, as the docs say.
out=$(SCHEDLAB=$T/work/fail-once bash sweep.sbatch --array=3) || fail "bash sweep.sbatch --array=3: $out"
echo "$out"
read -r array merge < <(sed -n 's/^sweep job \([0-9]*\), merge job \([0-9]*\)$/\1 \2/p' <<<"$out")
wait_gone "$array" 30
wait_gone "$merge" 30
[[ $(job_state "$merge") == "COMPLETED " ]] || fail "merge job: $(job_state "$merge")"
cmp sweep.json unsharded.json || fail "merged JSON differs from the unsharded compare"
"$schedlab" merge shards/shard-*.json -f csv -o merged.csv || fail "merge to CSV"
cmp merged.csv unsharded.csv || fail "merged CSV differs from the unsharded compare"
echo "merged JSON and CSV are byte-identical to the unsharded compare"
echo "what each task saw (task, SLURM_ARRAY_TASK_COUNT, _MIN, _MAX):"
sort task-env | sed 's/^/  /'
grep -q '^task 3 count 1 min 3 max 3$' task-env ||
  fail "a re-submitted --array=3 task did not see SLURM_ARRAY_TASK_COUNT=1 (see above)"
echo "PASS"
