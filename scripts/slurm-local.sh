#!/usr/bin/env bash
# A single-node Slurm cluster on 127.0.0.1, for tests and CI (no systemd, no cgroups, no accounting).
#   scripts/slurm-local.sh start    install slurm-wlm + munge if missing (Debian 12, apt-get), write a munge
#                                   key and /etc/slurm/slurm.conf for this host, start munged, slurmctld and
#                                   slurmd, and wait (at most SLURM_LOCAL_WAIT seconds, default 60) until
#                                   sinfo shows the node idle
#   scripts/slurm-local.sh stop     end the daemons this script started (by their pid files)
#   scripts/slurm-local.sh status   say whether the cluster answers, and show sinfo
# Must run as root. State and logs: /var/spool/wasm-perfdiff-slurm. The cluster is called "perfdiff",
# its one partition "local"; jobs run as the user who submits them.
set -euo pipefail

state=/var/spool/wasm-perfdiff-slurm
conf=/etc/slurm/slurm.conf
wait_s=${SLURM_LOCAL_WAIT:-60}

die() { echo "slurm-local: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and starts daemons)"; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sinfo >/dev/null; then
    return
  fi
  echo "slurm-local: installing slurm-wlm and munge"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

write_munge_key() {
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
}

write_conf() {
  local node_line node cpus
  # slurmd -C prints this host's NodeName line (CPUs, sockets, cores, threads, memory) on its first line.
  node_line=$(slurmd -C | head -1)
  node=$(sed -E 's/^NodeName=([^ ]+).*/\1/' <<<"$node_line")
  [ -n "$node" ] || die "slurmd -C printed no NodeName line"
  install -d -m 0755 /etc/slurm "$state" "$state/ctld" "$state/d" "$state/log"
  cat >"$conf" <<EOF
# Written by wasm-perfdiff scripts/slurm-local.sh: a single-node cluster on 127.0.0.1.
ClusterName=perfdiff
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  echo "$node" >"$state/node"
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  need_root
  local t0 t1
  t0=$(date +%s.%N)
  install_packages
  write_munge_key
  write_conf
  if ! alive "$state/munged.pid"; then
    runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
    cp /run/munge/munged.pid "$state/munged.pid"
  fi
  munge -n | unmunge >/dev/null || die "munge does not work (see /var/log/munge/munged.log)"
  alive "$state/slurmctld.pid" || /usr/sbin/slurmctld -f "$conf"
  alive "$state/slurmd.pid" || /usr/sbin/slurmd -f "$conf"
  local node deadline st
  node=$(cat "$state/node")
  deadline=$(( $(date +%s) + wait_s ))
  while :; do
    st=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null || true)
    case "$st" in idle*) break ;; esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "slurm-local: node $node not idle after ${wait_s}s (state: '${st:-no answer}'); last log lines:" >&2
      tail -5 "$state/log/slurmctld.log" "$state/log/slurmd.log" >&2 || true
      stop >&2
      exit 1
    fi
    # A node left down by an earlier run comes back once told to.
    case "$st" in down*|drain*) scontrol update NodeName="$node" State=RESUME 2>/dev/null || true ;; esac
    sleep 0.5
  done
  t1=$(date +%s.%N)
  printf 'slurm-local: node %s idle after %.1f s\n' "$node" "$(echo "$t1 - $t0" | bc -l 2>/dev/null || python3 -c "print($t1-$t0)")"
}

stop_one() {
  local name=$1 pidfile=$2 pid i
  alive "$pidfile" || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || { echo "slurm-local: $name stopped"; return 0; }; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  echo "slurm-local: $name killed"
}

stop() {
  need_root
  stop_one slurmd "$state/slurmd.pid"
  stop_one slurmctld "$state/slurmctld.pid"
  stop_one munged "$state/munged.pid"
  rm -f "$state/munged.pid"
}

status() {
  if sinfo >/dev/null 2>&1; then
    echo "slurm-local: cluster up"; sinfo -N
  else
    echo "slurm-local: no cluster answers"; exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
