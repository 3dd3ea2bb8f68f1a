#!/bin/sh
# Launches the real window LAUNCHES times on a project under Xvfb and checks,
# each time, that it keeps repainting: it waits for the first paint, then
# points at two rows of the document list in turn (each hover repaints the
# rows), and counts a launch as frozen when PROBES hovers in a
# row show no change within PROBE_WAIT seconds while the process is alive.
# Prints one line per launch and a summary; exits 1 if any launch froze.
#
#   scripts/window-soak.sh PROJECT [LAUNCHES]
#
# Use a big project (make one with `frametag init` and `frametag import`;
# docs/PERFORMANCE.md says how the 100,000-document one was generated).
# Needs xvfb, xdotool, x11-apps (xwd) (apt-get install xvfb x11-apps xdotool).
# `make window-soak PROJECT=...` runs it; it is not part of make test (it
# needs a display server and takes about 30 s a launch).
set -eu

project=$1
launches=${2:-8}
probes=${PROBES:-3}
probe_wait=${PROBE_WAIT:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
case $project in /*) ;; *) project=$(pwd)/$project ;; esac

tmp=$(mktemp -d)
xvfb=""
cleanup() {
	[ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
(cd "$root" && go build -tags migrated_fynedo -o "$tmp/frametag" .)

export LANG=C.UTF-8 LC_ALL=C.UTF-8
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
prefs=$XDG_CONFIG_HOME/fyne/org.frametag.app
mkdir -p "$prefs"

# a display of our own
for n in $(seq 71 99); do
	[ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] || break
done
Xvfb :$n -screen 0 1400x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:$n
sleep 1

shot() { xwd -root -silent | md5sum | cut -c1-16; }

# waitchange OLD SECONDS: succeeds as soon as the screen differs from OLD
waitchange() {
	end=$(($(date +%s) + $2))
	while [ "$(date +%s)" -le "$end" ]; do
		[ "$(shot)" != "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

frozen=0
for i in $(seq 1 "$launches"); do
	printf '{"window.width":1400,"window.height":860,"view.theme":"light"}' >"$prefs/preferences.json"
	t0=$(date +%s.%N)
	"$tmp/frametag" --annotator soak open "$project" >"$tmp/app.log" 2>&1 &
	app=$!
	# the first paint: the screen stops being Xvfb's black
	black=$(shot)
	if ! waitchange "$black" 60; then
		echo "launch $i: nothing painted in 60 s"
		frozen=$((frozen + 1))
		kill "$app"; wait "$app" 2>/dev/null || true
		continue
	fi
	t1=$(date +%s.%N)
	sleep 3 # let the first document and the list settle
	misses=0 worst=0 state=ok
	for p in $(seq 1 12); do
		before=$(shot)
		# the first and the second document row in turn: each move changes
		# which row is drawn hovered
		case $((p % 2)) in
			0) xdotool mousemove 140 130 ;;
			1) xdotool mousemove 140 200 ;;
		esac
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
	printf 'launch %d: first paint %.2f s, %s (longest run of hovers without a repaint: %d)\n' \
		"$i" "$(echo "$t1 - $t0" | bc)" "$state" "$worst"
	[ "$state" = ok ] || { frozen=$((frozen + 1)); cp "$tmp/app.log" "$root/window-soak-$i.log"; }
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
done
echo "window-soak: $launches launches, $frozen frozen"
[ "$frozen" -eq 0 ]
