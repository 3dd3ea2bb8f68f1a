package app

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// peakRSS is the process's peak resident memory (VmHWM), in MB; 0 where
// /proc is not there.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// TestBigArticleInTheWindow measures what opening one 10 MB article costs
// the window: time and peak memory above an open empty project. It runs
// under make soak (FRAMETAG_SOAK_BIG=1), in a process of its own:
//
//	FRAMETAG_SOAK_BIG=1 go test ./app -run TestBigArticleInTheWindow -v
func TestBigArticleInTheWindow(t *testing.T) {
	if os.Getenv("FRAMETAG_SOAK_BIG") == "" {
		t.Skip("make soak runs it")
	}
	para := "The minister said on Tuesday that the economy would grow, and critics answered that nobody believed the figures any more. "
	var b strings.Builder
	for b.Len() < 10<<20 {
		for range 6 {
			b.WriteString(para)
		}
		if os.Getenv("FRAMETAG_SOAK_BIG") != "oneline" {
			b.WriteString("\n\n")
		}
	}
	text := b.String()
	path := newProjectWith(t, "news-persuasion", "big", text)
	b.Reset()
	text = ""
	runtime.GC()
	wb, _ := openWorkbench(t, newProject(t))
	runtime.GC()
	empty := peakRSS()
	wb2, _ := openWorkbench(t, path)
	start := time.Now()
	wb2.openDocument("big")
	wb2.win.Canvas().Capture() // lay out and paint what the window shows
	took := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak := peakRSS()
	t.Logf("10 MB article: opened in %v; peak RSS %.0f MB with an empty project open, %.0f MB after opening the article (+%.0f MB); heap in use %.0f MB",
		took.Round(time.Millisecond), empty, peak, peak-empty, float64(ms.HeapInuse)/(1<<20))
	_ = wb
}
