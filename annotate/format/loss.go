package format

import (
	"fmt"
	"strings"
)

// Loss is what a read or write could not hold, counted by kind: "relations:
// 3 dropped (format has none)". Codecs add to it as they meet such things;
// the caller prints it, so nothing is dropped silently. The zero Loss is
// empty and ready to use.
type Loss struct {
	items []LossItem
}

// LossItem is one kind of loss.
type LossItem struct {
	Kind  string // what: "relations", "attributes", "discontinuous spans"
	How   string // what became of them: "dropped (format has none)", "written as their extent"
	Count int
}

func (it LossItem) String() string { return fmt.Sprintf("%s: %d %s", it.Kind, it.Count, it.How) }

// Add counts n more of kind that became how.
func (l *Loss) Add(kind, how string, n int) {
	if n <= 0 {
		return
	}
	for i := range l.items {
		if l.items[i].Kind == kind && l.items[i].How == how {
			l.items[i].Count += n
			return
		}
	}
	l.items = append(l.items, LossItem{Kind: kind, How: how, Count: n})
}

// Drop counts n of kind dropped, saying why ("format has none"); why may
// be empty.
func (l *Loss) Drop(kind, why string, n int) {
	how := "dropped"
	if why != "" {
		how += " (" + why + ")"
	}
	l.Add(kind, how, n)
}

// Merge adds everything in o.
func (l *Loss) Merge(o Loss) {
	for _, it := range o.items {
		l.Add(it.Kind, it.How, it.Count)
	}
}

// Items lists the kinds in the order first met.
func (l Loss) Items() []LossItem { return append([]LossItem(nil), l.items...) }

// Empty reports whether nothing was lost.
func (l Loss) Empty() bool { return len(l.items) == 0 }

// String is every kind on one line: "relations: 3 dropped (format has
// none); notes: 1 dropped".
func (l Loss) String() string {
	parts := make([]string, len(l.items))
	for i, it := range l.items {
		parts[i] = it.String()
	}
	return strings.Join(parts, "; ")
}
