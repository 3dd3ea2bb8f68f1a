#!/bin/bash
# start → list painted: grabloop execs the binary and watches the document list.
# usage: scripts/time-start.sh BIN PROJECT LAUNCHES DISPLAYNUM   (Xvfb :DISPLAYNUM -screen 0 1400x860x24 running;
# grabloop from ../shared/tools/window-timing on PATH or in $GRABLOOP)
bin=$1 proj=$2 n=$3 d=$4
export DISPLAY=:$d
for i in $(seq 1 $n); do
  home=${TMPDIR:-/tmp}/frametag-timing-home-$d; rm -rf $home; mkdir -p $home/.config/fyne/org.frametag.app
  echo '{"window.width":1400,"window.height":860,"view.textsize":15}' > $home/.config/fyne/org.frametag.app/preferences.json
  ${GRABLOOP:-grabloop} -g 280x800+0+40 -s 2500 -t 30000 exec "HOME=$home XDG_CONFIG_HOME=$home/.config $bin open $proj >/dev/null 2>&1" > ${TMPDIR:-/tmp}/frametag-timing-$d.out 2>&1
  grep '^sum' ${TMPDIR:-/tmp}/frametag-timing-$d.out
  pkill -f "^$bin open"; sleep 1
done
