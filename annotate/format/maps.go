package format

import (
	"maps"
	"slices"
)

// builtinMaps are the label maps frametag knows by name, for a --map flag
// to take a name as well as a file. Each is added by the file of the
// format it belongs to.
var builtinMaps = map[string]builtinMap{}

type builtinMap struct {
	description string
	make        func() LabelMap
}

// registerMap adds a built-in map at init time; a name taken twice stops
// the program before it starts.
func registerMap(name, description string, make func() LabelMap) {
	if _, dup := builtinMaps[name]; dup {
		panic("format: label map " + name + " registered twice")
	}
	builtinMaps[name] = builtinMap{description: description, make: make}
}

// BuiltinMap returns a fresh copy of the built-in label map of that name.
func BuiltinMap(name string) (LabelMap, bool) {
	m, ok := builtinMaps[name]
	if !ok {
		return nil, false
	}
	return m.make(), true
}

// BuiltinMaps lists the built-in label maps' names, sorted.
func BuiltinMaps() []string { return slices.Sorted(maps.Keys(builtinMaps)) }

// BuiltinMapDescription says what a built-in map maps.
func BuiltinMapDescription(name string) string { return builtinMaps[name].description }
