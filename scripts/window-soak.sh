#!/bin/sh
# Launches the real window LAUNCHES times on a project under Xvfb and checks,
# each time, that it keeps repainting: it waits for the first paint, then
# probes the window (each probe changes what is drawn) and counts a launch as
# frozen when PROBES probes in a row show no change within PROBE_WAIT seconds
# while the process is alive. Prints one line per launch and a summary; exits
# 1 if any launch froze.
#
#   scripts/window-soak.sh PROJECT [LAUNCHES]
#
# WINDOW_SOAK_MODE picks the timing of the probes:
#   hover     (default) point at the second and third document rows in turn,
#             3 s after the first paint
#   early     the same hovers from the first paint on, while the start's
#             background work (the suggestions' training) still runs
#   keys      the keyboard only: Ctrl+F opens the find bar, Escape closes it
#   relaunch  the timing scripts' loop (scripts/time-start.sh): an instance is
#             sent SIGTERM 3 s after its start and the next starts 1 s later,
#             on the same project, while the first may still be closing
#   all       each of the four in turn, one a launch
# The rows are the second and third, never the first: the first is the open
# document, drawn selected, and hovering a selected row draws nothing new.
#
# Every launch runs with FRAMETAG_UI_WATCH (default 1000 ms): the window
# reports each stall of its UI goroutine longer than that (README, "If the
# window stops repainting"); the script prints how many, and keeps that
# launch's log as window-soak-N.log. They are told, not counted as frozen.
#
# A frozen launch leaves window-soak-N.log (the app's output and a goroutine
# dump taken with SIGQUIT) and window-soak-N.png (the screen), and prints the
# CPU the process used in 2 s: goroutine 1 parked in runGL's select with the
# CPU near 0 is the draw loop idle; goroutine 1 anywhere else is the UI
# goroutine blocked there.
#
# Use a big project (make one with `frametag init` and `frametag import`;
# docs/PERFORMANCE.md says how the 100,000-document one was generated). The
# project is copied for each launch; the original is never written.
# WINDOW_SOAK_DISPLAY is the first X display number tried (default 71).
# Needs xvfb, xdotool, x11-apps (xwd), imagemagick (apt-get install xvfb
# x11-apps xdotool imagemagick). `make window-soak PROJECT=...` runs it; it is
# not part of make test (it needs a display server and about 20 s a launch).
set -eu

project=$1
launches=${2:-8}
modes=${WINDOW_SOAK_MODE:-hover}
probes=${PROBES:-3}
probe_wait=${PROBE_WAIT:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
case $project in /*) ;; *) project=$(pwd)/$project ;; esac
case $modes in
	hover | early | keys | relaunch) ;;
	all) modes="hover early keys relaunch" ;;
	*)
		echo "window-soak: WINDOW_SOAK_MODE is hover, early, keys, relaunch or all, not $modes" >&2
		exit 2
		;;
esac

tmp=$(mktemp -d)
xvfb=""
app=""
prev=""
cleanup() {
	for p in $app $prev $xvfb; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
(cd "$root" && nice -n 19 go build -tags migrated_fynedo -o "$tmp/frametag" .)

export LANG=C.UTF-8 LC_ALL=C.UTF-8 GOTRACEBACK=all FRAMETAG_UI_WATCH=${FRAMETAG_UI_WATCH:-1000}
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
prefs=$XDG_CONFIG_HOME/fyne/org.frametag.app
mkdir -p "$prefs"

# a display of our own
n=${WINDOW_SOAK_DISPLAY:-71}
while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1400x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:$n
sleep 1

shot() { xwd -root -silent | md5sum | cut -c1-16; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# waitchange OLD SECONDS: succeeds as soon as the screen differs from OLD
waitchange() {
	end=$(($(date +%s) + $2))
	while [ "$(date +%s)" -le "$end" ]; do
		[ "$(shot)" != "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# probe N: one input that changes what the window draws
probe() {
	if [ "$mode" = keys ]; then
		case $(($1 % 2)) in
			1) xdotool key ctrl+f ;;
			0) xdotool key Escape ;;
		esac
		return
	fi
	case $(($1 % 2)) in
		1) xdotool mousemove 140 260 ;;
		0) xdotool mousemove 140 340 ;;
	esac
}

start() {
	printf '{"window.width":1400,"window.height":860,"view.theme":"light"}' >"$prefs/preferences.json"
	nice -n 19 "$tmp/frametag" --annotator soak open "$tmp/project.frametag" >"$1" 2>&1 &
}

frozen=0 stalled=0
for i in $(seq 1 "$launches"); do
	set -- $modes
	shift $(((i - 1) % $#))
	mode=$1
	rm -f "$tmp"/project.frametag*
	cp "$project" "$tmp/project.frametag"
	xdotool mousemove 700 430 # no hover left from the last launch
	if [ "$mode" = relaunch ]; then
		start "$tmp/prev.log"
		prev=$!
		sleep 3
		kill -TERM "$prev"
		sleep 1
	fi
	black=$(shot)
	t0=$(date +%s.%N)
	start "$tmp/app.log"
	app=$!
	# the first paint: the screen stops being Xvfb's black
	if ! waitchange "$black" 60; then
		echo "launch $i: nothing painted in 60 s"
		frozen=$((frozen + 1))
		kill "$app"
		wait "$app" 2>/dev/null || true
		continue
	fi
	t1=$(date +%s.%N)
	[ "$mode" = early ] || sleep 3 # let the first document and the list settle
	misses=0 worst=0 state=ok
	for p in $(seq 1 12); do
		before=$(shot)
		probe "$p"
		if waitchange "$before" "$probe_wait"; then
			misses=0
		else
			misses=$((misses + 1))
			worst=$((misses > worst ? misses : worst))
			if [ "$misses" -ge "$probes" ]; then
				kill -0 "$app" 2>/dev/null && state=FROZEN || state=exited
				break
			fi
		fi
	done
	printf 'launch %d (%s): first paint %.2f s, %s (longest run of probes without a repaint: %d)\n' \
		"$i" "$mode" "$(echo "$t1 - $t0" | bc)" "$state" "$worst"
	if [ "$state" != ok ]; then
		frozen=$((frozen + 1))
		if [ "$state" = FROZEN ]; then
			a=$(ticks "$app")
			sleep 2
			echo "  CPU while frozen: $(($(ticks "$app") - a)) ticks in 2 s (100 a core-second)"
			import -window root "$root/window-soak-$i.png" 2>/dev/null || true
			kill -QUIT "$app"
			sleep 1
		fi
	fi
	stalls=$(grep -c "UI stall:" "$tmp/app.log" || true)
	if [ "$stalls" -gt 0 ]; then
		stalled=$((stalled + 1))
		echo "  UI goroutine stalled over $FRAMETAG_UI_WATCH ms $stalls times (longest: $(sed -n "s/.*UI stall ended.* after //p" "$tmp/app.log" | sort -n | tail -1))"
	fi
	if [ "$state" != ok ] || [ "$stalls" -gt 0 ]; then
		cp "$tmp/app.log" "$root/window-soak-$i.log"
	fi
	for p in $app $prev; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	app="" prev=""
done
echo "window-soak ($modes): $launches launches, $frozen frozen, $stalled with UI stalls over $FRAMETAG_UI_WATCH ms"
[ "$frozen" -eq 0 ]
