package app

import (
	"fmt"
	"io"

	"runtime"
	"strconv"
	"sync"
	"time"
)

// uiWatchEnv names the diagnostic for a window that stops repainting
// (issue 11's freeze, docs/PERFORMANCE.md): FRAMETAG_UI_WATCH=MS makes the
// window check, four times a second, that its UI goroutine still runs what
// is posted to it, and report on standard error every stall longer than MS
// milliseconds, with every goroutine's stack taken when the stall passes MS
// (what the UI goroutine does instead) and the stall's length when it ends.
// A window that paints nothing while no stall is reported has its UI
// goroutine free: Fyne's draw loop saw nothing to draw.
const uiWatchEnv = "FRAMETAG_UI_WATCH"

// uiWatchThreshold reads uiWatchEnv: the stall worth reporting, or 0 for
// no watch.
func uiWatchThreshold(getenv func(string) string) time.Duration {
	ms, err := strconv.Atoi(getenv(uiWatchEnv))
	if err != nil || ms <= 0 {
		return 0
	}
	return time.Duration(ms) * time.Millisecond
}

// watchUI posts a no-op to the UI goroutine every interval and writes to out
// when one waits longer than threshold: at threshold, every goroutine's
// stack; when it runs, how long it waited. It returns what stops it.
func watchUI(post func(func()), interval, threshold time.Duration, out io.Writer) (stop func()) {
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(interval):
			}
			ran := make(chan struct{})
			posted := time.Now()
			post(func() { close(ran) })
			late := time.NewTimer(threshold)
			select {
			case <-done:
				late.Stop()
				return
			case <-ran:
				late.Stop()
				continue
			case <-late.C:
			}
			fmt.Fprintf(out, "frametag: UI stall: a function posted to the UI goroutine at %s has waited %v; every goroutine:\n%s\n",
				posted.Format("15:04:05.000"), threshold, allStacks())
			select {
			case <-done:
				return
			case <-ran:
				fmt.Fprintf(out, "frametag: UI stall ended: the UI goroutine ran it after %d ms\n", time.Since(posted).Milliseconds())
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

// allStacks is every goroutine's stack, as a panic prints them.
func allStacks() []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}
