#!/bin/bash
# add → painted vs a bare repaint, alternating, on the seeds' Blinken article.
# usage: GHOSTS=true|false scripts/time-add.sh BIN TRIALS DISPLAYNUM   (Xvfb :DISPLAYNUM -screen 0 1400x860x24 running;
# grabloop from ../shared/tools/window-timing on PATH or in $GRABLOOP; xdotool; imagemagick)
bin=$1 n=$2 d=$3
export DISPLAY=:$d
proj=${TMPDIR:-/tmp}/frametag-timing-add.frametag; rm -f $proj; $bin init --seeds $proj >/dev/null
home=${TMPDIR:-/tmp}/frametag-timing-home-add; rm -rf $home; mkdir -p $home/.config/fyne/org.frametag.app
cat > $home/.config/fyne/org.frametag.app/preferences.json <<JSON
{"document.last:$proj":"us-nato-vow-support-for-ukraine","window.width":1400,"window.height":860,"view.textsize":15,"view.theme":"light","view.suggestions":$GHOSTS}
JSON
HOME=$home XDG_CONFIG_HOME=$home/.config $bin open $proj >/dev/null 2>&1 &
sleep 5
for i in $(seq 1 $n); do
  xdotool mousemove 130 175; sleep 0.7
  b=$(${GRABLOOP:-grabloop} -g 280x400+0+150 -s 700 exec "xdotool mousemove 130 345" | awk '/^sum/{sub("first_change=","",$2); sub("final=","",$3); print $2 "/" $3}')
  xdotool mousemove 470 574 click --repeat 2 --delay 60 1; sleep 0.8
  a=$(${GRABLOOP:-grabloop} -g 680x770+265+30 -s 700 key p | awk '/^sum/{sub("first_change=","",$2); sub("final=","",$3); print $2 "/" $3}')
  sleep 0.3; xdotool key ctrl+z; sleep 0.8
  echo "bare $b add $a"
done
import -window root ${TMPDIR:-/tmp}/frametag-timing-add-last.png
pkill -f "^$bin open"
