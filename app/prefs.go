package app

import (
	"slices"

	"fyne.io/fyne/v2"

	"frametag/annotate"
	"frametag/project"
)

// Preference keys. The last document is remembered per project, so that
// switching projects does not lose one's place in the other.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefLastProject  = "project.last"
	prefLastDocument = "document.last:"   // + project path
	prefOrder        = "documents.order:" // + project path
	prefTheme        = "view.theme"
	prefTextSize     = "view.textsize"
	prefRecent       = "project.recent"
	prefShowOthers   = "view.showothers"
	prefShowNames    = "view.labelnames"
	prefShowArcs     = "view.relations"
	prefShowGhosts   = "view.suggestions"
	prefMinScore     = "suggest.minscore"
	prefAcceptAbove  = "suggest.acceptabove"
	prefAnnotator    = "annotator.last"
	prefModelURL     = "llm.url"
	prefModelName    = "llm.model"
	prefModelKeyEnv  = "llm.keyenv"
	prefModelPerPara = "llm.perparagraph"
)

// defaultKeyEnv is the variable an API key is read from unless the
// settings name another (as frametag suggest --llm-key-env).
const defaultKeyEnv = "FRAMETAG_LLM_API_KEY"

// Defaults of the suggestions' thresholds: a phrase labelled once in five
// of its occurrences is still shown; Accept all takes the sure ones.
const (
	defaultMinScore    = 0.2
	defaultAcceptAbove = 0.8
)

// Theme variants the View menu offers.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// Text sizes of the article, in points.
const (
	defaultTextSize float32 = 15
	minTextSize     float32 = 10
	maxTextSize     float32 = 32
	textSizeStep    float32 = 1
	maxRecent               = 8
)

// prefs reads and writes the workbench's remembered settings.
type prefs struct{ p fyne.Preferences }

func (p prefs) windowSize() fyne.Size {
	w := p.p.FloatWithFallback(prefWindowWidth, 1280)
	h := p.p.FloatWithFallback(prefWindowHeight, 800)
	return fyne.NewSize(float32(max(w, 640)), float32(max(h, 480)))
}

func (p prefs) setWindowSize(s fyne.Size) {
	p.p.SetFloat(prefWindowWidth, float64(s.Width))
	p.p.SetFloat(prefWindowHeight, float64(s.Height))
}

func (p prefs) lastProject() string { return p.p.String(prefLastProject) }

func (p prefs) lastDocument(project string) string {
	return p.p.String(prefLastDocument + project)
}

func (p prefs) setLastDocument(project, docID string) {
	p.p.SetString(prefLastDocument+project, docID)
}

// order is the order of the list last chosen for a project, if any.
func (p prefs) order(path string) (project.OrderBy, bool) {
	by := project.OrderBy(p.p.String(prefOrder + path))
	return by, slices.Contains(project.Orders, by)
}

func (p prefs) setOrder(path string, by project.OrderBy) {
	p.p.SetString(prefOrder+path, string(by))
}

func (p prefs) theme() string { return p.p.StringWithFallback(prefTheme, themeSystem) }

func (p prefs) setTheme(t string) { p.p.SetString(prefTheme, t) }

func (p prefs) textSize() float32 {
	s := float32(p.p.FloatWithFallback(prefTextSize, float64(defaultTextSize)))
	return min(max(s, minTextSize), maxTextSize)
}

func (p prefs) setTextSize(s float32) { p.p.SetFloat(prefTextSize, float64(s)) }

// showOthers is whether other annotators' spans are drawn and listed. On by
// default: hiding them would make imported spans, or one's own under another
// name on another machine, vanish without a word; a group that wants
// independent labels turns it off.
func (p prefs) showOthers() bool { return p.p.BoolWithFallback(prefShowOthers, true) }

func (p prefs) setShowOthers(on bool) { p.p.SetBool(prefShowOthers, on) }

// showNames is whether label names are written on the span bars; on by
// default (five similar reds are told apart by their names).
func (p prefs) showNames() bool { return p.p.BoolWithFallback(prefShowNames, true) }

func (p prefs) setShowNames(on bool) { p.p.SetBool(prefShowNames, on) }

// showRelations is whether every relation is drawn as an arc with its type;
// on by default.
func (p prefs) showRelations() bool { return p.p.BoolWithFallback(prefShowArcs, true) }

func (p prefs) setShowRelations(on bool) { p.p.SetBool(prefShowArcs, on) }

// showSuggestions is whether suggestions are drawn as ghost spans; on by
// default (they are learned from the project's own labels; nothing is
// sent anywhere).
func (p prefs) showSuggestions() bool { return p.p.BoolWithFallback(prefShowGhosts, true) }

func (p prefs) setShowSuggestions(on bool) { p.p.SetBool(prefShowGhosts, on) }

// minScore is the least confidence a suggestion needs to be drawn.
func (p prefs) minScore() float64 {
	return min(max(p.p.FloatWithFallback(prefMinScore, defaultMinScore), 0), 1)
}

// acceptAbove is the confidence Accept all suggestions asks for.
func (p prefs) acceptAbove() float64 {
	return min(max(p.p.FloatWithFallback(prefAcceptAbove, defaultAcceptAbove), 0), 1)
}

// annotator is who the window last switched to ("" for nobody yet).
func (p prefs) annotator() string { return p.p.String(prefAnnotator) }

func (p prefs) setAnnotator(name string) { p.p.SetString(prefAnnotator, name) }

// startAnnotator is who the window opens as: the annotator the user named
// (--annotator, $FRAMETAG_ANNOTATOR), else the one last switched to, else
// the login's name the command line gave.
func (p prefs) startAnnotator(given string, named bool) string {
	if last := p.annotator(); !named && last != "" && last != annotate.GoldAnnotator {
		return last
	}
	return given
}

func (p prefs) setThresholds(minScore, acceptAbove float64) {
	p.p.SetFloat(prefMinScore, minScore)
	p.p.SetFloat(prefAcceptAbove, acceptAbove)
}

// model is the local model the user named; empty until they do.
func (p prefs) model() modelSettings {
	return modelSettings{URL: p.p.String(prefModelURL), Model: p.p.String(prefModelName),
		KeyEnv: p.p.StringWithFallback(prefModelKeyEnv, defaultKeyEnv), PerParagraph: p.p.Bool(prefModelPerPara)}
}

func (p prefs) setModel(m modelSettings) {
	p.p.SetString(prefModelURL, m.URL)
	p.p.SetString(prefModelName, m.Model)
	p.p.SetString(prefModelKeyEnv, m.KeyEnv)
	p.p.SetBool(prefModelPerPara, m.PerParagraph)
}

// recent lists recently opened projects, most recent first.
func (p prefs) recent() []string { return p.p.StringList(prefRecent) }

// opened records path as the last and most recent project.
func (p prefs) opened(path string) {
	p.p.SetString(prefLastProject, path)
	list := slices.DeleteFunc(p.recent(), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.p.SetStringList(prefRecent, list)
}

// forget drops a project that can no longer be opened from the recent list.
func (p prefs) forget(path string) {
	p.p.SetStringList(prefRecent, slices.DeleteFunc(p.recent(), func(s string) bool { return s == path }))
	if p.lastProject() == path {
		p.p.SetString(prefLastProject, "")
	}
}
