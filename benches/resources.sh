#!/usr/bin/env bash
# Resource use of the live app: the release binary runs in tmux at 100×30, first with a real
# countdown (speed 1, phase A of an E1 ponctuel opened through the start screen and the wizard
# by tmux send-keys), then idle on the start screen. For each, over DURATION seconds (60 by
# default), from the kernel's per-thread accounting of every thread of the process:
#   - CPU: run time in ns (first field of /proc/PID/task/*/schedstat), as % of one core;
#   - wake-ups/s: voluntary context switches (/proc/PID/task/*/status): each is the process
#     going to sleep, so each is followed by exactly one wake-up. Also shown: involuntary
#     switches (preemptions while running: mostly the terminal emulator, woken by our write,
#     taking the CPU; not wake-ups of the app) and timeslices run (third field of schedstat =
#     voluntary + involuntary + 1);
#   - memory: VmRSS and VmHWM (/proc/PID/status);
#   - bytes written to the terminal per second (tmux pipe-pane).
# Targets (README, "Performance and reliability"): ≤ 0.05 % of a core and ≤ 1 wake-up/s while
# counting down; no periodic wake-up when idle; resident memory < 10 MB.
#
# Usage: benches/resources.sh            (from the repository root; Linux, tmux)
#        DURATION=10 benches/resources.sh (a quicker look)
# Exit status: 0 when every target is met, 1 when one is missed, 2 when the run failed.
set -euo pipefail

DURATION=${DURATION:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/target/release/sno-jury"
WORK=$(mktemp -d)
RUN=0
TMUX_CMD=()

# Each app gets its own tmux server (a private socket), ended by name, never by a broad kill.
cleanup() {
    if ((${#TMUX_CMD[@]})); then "${TMUX_CMD[@]}" kill-server 2>/dev/null || true; fi
    rm -rf "$WORK"
    # tmux leaves its socket files behind: remove ours (and only ours).
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/sno-resources-$$-"*
}
trap cleanup EXIT

command -v tmux >/dev/null || { echo "tmux est requis" >&2; exit 2; }
[[ -r /proc/self/schedstat ]] || { echo "/proc/PID/schedstat est requis (Linux)" >&2; exit 2; }

echo "== build (release)"
(cd "$ROOT" && cargo build --release --quiet)

# The screen as text; waits until it shows $1 (15 s at most).
screen() { "${TMUX_CMD[@]}" capture-pane -p -t app; }
wait_for() {
    local deadline=$((SECONDS + 15))
    until screen | grep -qF -- "$1"; do
        if ((SECONDS > deadline)); then
            echo "« $1 » n’est jamais apparu ; l’écran :" >&2
            screen >&2
            exit 2
        fi
        sleep 0.1
    done
}
keys() { "${TMUX_CMD[@]}" send-keys -t app "$@"; }

# Starts the app in a fresh tmux server at 100×30; sets PID (the app itself: `exec`).
start_app() {
    local sessions=$1
    if ((${#TMUX_CMD[@]})); then "${TMUX_CMD[@]}" kill-server 2>/dev/null || true; fi
    RUN=$((RUN + 1))
    TMUX_CMD=(tmux -L "sno-resources-$$-$RUN" -f /dev/null)
    : >"$WORK/out.bytes"
    "${TMUX_CMD[@]}" new-session -d -s app -x 100 -y 30 \
        "exec env NO_COLOR= LANG=C.UTF-8 '$BIN' --sessions '$sessions'"
    "${TMUX_CMD[@]}" pipe-pane -o -t app "cat >>'$WORK/out.bytes'"
    PID=$("${TMUX_CMD[@]}" display-message -p -t app '#{pane_pid}')
    [[ $(readlink "/proc/$PID/exe") == "$BIN" ]] || { echo "pid $PID is not sno-jury" >&2; exit 2; }
}

# Sums, over every thread of $PID: run ns, timeslices, voluntary and involuntary switches; then
# the bytes written to the terminal so far and the number of threads.
sample() {
    local ns=0 slices=0 vol=0 invol=0 t a b c v n
    for t in /proc/"$PID"/task/*; do
        read -r a b c <"$t/schedstat"
        v=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")
        n=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$t/status")
        ns=$((ns + a)) slices=$((slices + c)) vol=$((vol + v)) invol=$((invol + n))
    done
    echo "$ns $slices $vol $invol $(stat -c %s "$WORK/out.bytes") $(ls /proc/"$PID"/task | wc -l)"
}

kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }

MISSED=0
# Measures $PID for DURATION s; $1: label, $2: max CPU %, $3: max wake-ups/s.
measure() {
    local label=$1 max_cpu=$2 max_wake=$3
    local load0 s0 s1 ns0 sl0 vo0 in0 by0 ns1 sl1 vo1 in1 by1 threads
    load0=$(cut -d' ' -f1 /proc/loadavg)
    s0=$(sample)
    local t0=$EPOCHREALTIME
    sleep "$DURATION"
    s1=$(sample)
    local t1=$EPOCHREALTIME
    read -r ns0 sl0 vo0 in0 by0 _ <<<"$s0"
    read -r ns1 sl1 vo1 in1 by1 threads <<<"$s1"
    awk -v label="$label" -v ns=$((ns1 - ns0)) -v sl=$((sl1 - sl0)) -v vo=$((vo1 - vo0)) \
        -v inv=$((in1 - in0)) -v by=$((by1 - by0)) -v t0="$t0" -v t1="$t1" \
        -v rss="$(kib VmRSS)" -v hwm="$(kib VmHWM)" -v threads="$threads" \
        -v load="$load0 → $(cut -d' ' -f1 /proc/loadavg)" \
        -v max_cpu="$max_cpu" -v max_wake="$max_wake" '
    BEGIN {
        wall = t1 - t0
        cpu = ns / (wall * 1e9) * 100
        printf "%s (%.1f s, load %s, %d thread(s))\n", label, wall, load, threads
        printf "  CPU          %.4f %% of one core (%.1f ms on CPU)\n", cpu, ns / 1e6
        printf "  wake-ups     %.3f/s (%d in %.0f s)\n", vo / wall, vo, wall
        printf "  preempted    %.3f/s (involuntary switches); timeslices %.3f/s\n", inv / wall, sl / wall
        printf "  memory       VmRSS %.2f MB, VmHWM %.2f MB (10^6 bytes)\n", rss * 1024 / 1e6, hwm * 1024 / 1e6
        printf "  terminal     %.0f bytes/s written\n", by / wall
        bad = 0
        if (cpu > max_cpu) { printf "  MISSED: CPU above %s %%\n", max_cpu; bad = 1 }
        if (vo / wall > max_wake) { printf "  MISSED: more than %s wake-up(s)/s\n", max_wake; bad = 1 }
        if (hwm * 1024 >= 10e6) { print "  MISSED: peak resident memory not under 10 MB"; bad = 1 }
        exit bad
    }' || MISSED=1
}

echo "== countdown: phase A of an E1 ponctuel, speed 1"
start_app "$WORK/seances"
wait_for "Aucune séance pour l’instant"
keys n
wait_for "1/6 · Épreuve"
keys Enter
wait_for "2/6 · Forme"
keys 2
wait_for "3/6 · Situation"
keys Enter
wait_for "Saisie d’une personne candidate"
keys -l 0123; keys Enter; keys -l Durand; keys Enter; keys -l Eloise; keys Enter
keys -l "Lycee Hugo"; keys Enter
wait_for "5/6 · Commission"
keys -l "Mme Lefevre"; keys Enter
wait_for "• Mme Lefevre"
keys -l "M. Nguyen"; keys Right Enter
wait_for "• M. Nguyen"
keys Enter
wait_for "6/6 · Vérification"
keys Enter
wait_for "Prochaine phase : A"
keys Space
wait_for "p pause"
sleep 2 # past the start-up and the first redraws
measure "countdown running" 0.05 1
echo "  screen at the end:"
screen | grep -E "Phase A|restant|[0-9]{2}:[0-9]{2}" | head -3 | sed 's/^/    /'

echo "== idle on the start screen"
start_app "$WORK/idle"
wait_for "Aucune séance pour l’instant"
sleep 2
# Idle: no periodic wake-up at all (a handful over the whole run, e.g. a tmux resize, is not
# periodic: the bound is 0.05/s, i.e. 3 in 60 s).
measure "idle, start screen" 0.05 0.05

if ((MISSED)); then
    echo "== at least one target missed"
    exit 1
fi
echo "== every target met"
