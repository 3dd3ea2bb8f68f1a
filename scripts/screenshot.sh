#!/bin/sh
# Builds frametag, opens a fresh project with the bundled seeds under Xvfb,
# drives it with xdotool (labels a sentence and a name, links them) and
# writes a screenshot.
#
#   scripts/screenshot.sh [OUT.png] [light|dark]
#
# Defaults: docs/screenshot.png, light. Needs xvfb, xdotool, x11-apps (xwd)
# and imagemagick (apt-get install xvfb x11-apps xauth imagemagick xdotool).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshot.png}
theme=${2:-light}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8
(cd "$root" && go build -tags migrated_fynedo -o "$tmp/frametag" .)
# A private home: the screenshot neither reads nor changes the user's settings.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
mkdir -p "$XDG_CONFIG_HOME/fyne/org.frametag.app"

project=$tmp/seeds.frametag
"$tmp/frametag" init --seeds "$project" >/dev/null

# Open the Blinken article first, in the chosen theme.
cat >"$XDG_CONFIG_HOME/fyne/org.frametag.app/preferences.json" <<JSON
{"document.last:$project":"us-nato-vow-support-for-ukraine","view.theme":"$theme",
 "window.width":1400,"window.height":860,"view.textsize":15}
JSON

# Where the words are in a 1400x860 window with these preferences (measured
# on a screenshot of this layout; change them when the layout changes).
export CLAIM="836 476 432 574" ACTOR="448 574 490 574" SCHEME="398 411 500 411"
export CLAIMCLICK="700 525" ACTORCLICK="470 574" SCHEMEKEY=z

xvfb-run -a -s "-screen 0 1400x860x24" sh -c '
	set -eu
	"$1" --annotator ada open "$2" &
	app=$!
	sleep 5
	drag() { # x0 y0 x1 y1
		xdotool mousemove "$1" "$2" mousedown 1 mousemove $(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 ))
		sleep 0.2
		xdotool mousemove "$3" "$4" sleep 0.2 mouseup 1
		sleep 0.4
	}
	# The claim: "We will not — … by Russia" (lines 1-3 of paragraph 4).
	drag $CLAIM
	xdotool key c
	sleep 0.4
	# Blinken, who makes it.
	drag $ACTOR
	xdotool key p
	sleep 0.4
	# Select the claim again, press L, click Blinken: attributed_to.
	xdotool mousemove $CLAIMCLICK click 1
	sleep 0.4
	xdotool key l
	sleep 0.3
	xdotool mousemove $ACTORCLICK click 1
	sleep 0.4
	# "diabolical scheme" as Loaded Language.
	drag $SCHEME
	xdotool key $SCHEMEKEY
	sleep 0.4
	xdotool mousemove $CLAIMCLICK click 1
	sleep 0.2
	xdotool mousemove 1 1
	sleep 0.8
	xwd -root -silent | /usr/bin/convert xwd:- "PNG:$3"
	kill $app
' sh "$tmp/frametag" "$project" "$out"
echo "wrote $out"
