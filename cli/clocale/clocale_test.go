package clocale

import "testing"

func TestIsC(t *testing.T) {
	tests := map[string]bool{"C": true, "C.UTF-8": true, "POSIX": true, "en_US.UTF-8": false, "uk_UA.UTF-8": false, "Ca": false}
	for in, want := range tests {
		if got := isC(in); got != want {
			t.Errorf("isC(%q) = %v, want %v", in, got, want)
		}
	}
}
