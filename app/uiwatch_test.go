package app

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer the watch goroutine writes while the test
// reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestWatchUIReportsStalls(t *testing.T) {
	tests := []struct {
		name string
		// threshold is the stall worth reporting: long where none is
		// wanted, so that a loaded machine delaying a goroutine is none
		threshold time.Duration
		// post stands for fyne.Do: how the UI goroutine gets to a posted function
		post func(f func())
		// want are the lines the watch writes; none for an idle UI goroutine
		want       []string
		wantAbsent []string
	}{
		{"the UI goroutine runs each at once", time.Second,
			func(f func()) { go f() },
			nil, []string{"UI stall"}},
		{"the UI goroutine busy for 200 ms, then free", 40 * time.Millisecond,
			func(f func()) { go func() { time.Sleep(200 * time.Millisecond); f() }() },
			[]string{"UI stall: a function posted to the UI goroutine", "goroutine ", "TestWatchUIReportsStalls", "UI stall ended: the UI goroutine ran it after"}, nil},
		{"the UI goroutine never free again", 40 * time.Millisecond,
			func(func()) {},
			[]string{"UI stall: a function posted to the UI goroutine"}, []string{"UI stall ended"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out lockedBuffer
			stop := watchUI(tt.post, 10*time.Millisecond, tt.threshold, &out)
			deadline := time.Now().Add(5 * time.Second)
			for !containsAll(out.String(), tt.want) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if len(tt.want) == 0 {
				time.Sleep(300 * time.Millisecond) // many pings, none late
			}
			stop()
			got := out.String()
			if !containsAll(got, tt.want) {
				t.Errorf("the watch wrote %q, want every one of %q", got, tt.want)
			}
			for _, s := range tt.wantAbsent {
				if strings.Contains(got, s) {
					t.Errorf("the watch wrote %q, which should not hold %q", got, s)
				}
			}
		})
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func TestUIWatchThreshold(t *testing.T) {
	tests := []struct {
		env  string
		want time.Duration
	}{
		{"", 0},
		{"soon", 0},
		{"0", 0},
		{"-5", 0},
		{"1000", time.Second},
		{"250", 250 * time.Millisecond},
	}
	for _, tt := range tests {
		got := uiWatchThreshold(func(key string) string {
			if key == uiWatchEnv {
				return tt.env
			}
			return ""
		})
		if got != tt.want {
			t.Errorf("%s=%q: threshold %v, want %v", uiWatchEnv, tt.env, got, tt.want)
		}
	}
}
