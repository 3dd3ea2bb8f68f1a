package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/format"
)

// transferOptions are the import and export forms' --offsets and --map:
// the unit offsets count in, and a label map (built-in or a file).
type transferOptions struct {
	offsets  *widget.Select
	labelMap *widget.Select
}

// offsetChoices are the units a form offers, the format's own first.
var offsetChoices = []format.Unit{format.FormatUnit, format.CodePoints, format.UTF16, format.Bytes}

const (
	noMap       = "none"
	mapFromFile = "a file of two columns…"
)

func (w *Workbench) newTransferOptions() *transferOptions {
	names := make([]string, len(offsetChoices))
	for i, u := range offsetChoices {
		names[i] = unitName(u)
	}
	o := &transferOptions{offsets: widget.NewSelect(names, nil)}
	o.offsets.SetSelected(names[0])
	maps := append(append([]string{noMap}, format.BuiltinMaps()...), mapFromFile)
	o.labelMap = widget.NewSelect(maps, nil)
	o.labelMap.SetSelected(noMap)
	o.labelMap.OnChanged = func(choice string) {
		if choice != mapFromFile {
			return
		}
		o.labelMap.SetSelected(noMap) // until a file is chosen
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			path := rc.URI().Path()
			rc.Close()
			if !slices.Contains(o.labelMap.Options, path) {
				o.labelMap.Options = append(o.labelMap.Options[:len(o.labelMap.Options)-1], path, mapFromFile)
			}
			o.labelMap.SetSelected(path)
		}, w.win)
		fd.Resize(w.dialogSize())
		fd.Show()
	}
	return o
}

func unitName(u format.Unit) string {
	switch u {
	case format.CodePoints:
		return "code points (Python)"
	case format.UTF16:
		return "UTF-16 units (JavaScript, Java)"
	case format.Bytes:
		return "UTF-8 bytes"
	}
	return "the format's own"
}

func (o *transferOptions) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Offsets count", o.offsets), widget.NewFormItem("Rename labels by", o.labelMap)}
}

// unit is the chosen unit; FormatUnit is the format's own.
func (o *transferOptions) unit() format.Unit {
	if i := o.offsets.SelectedIndex(); i > 0 {
		return offsetChoices[i]
	}
	return format.FormatUnit
}

// mapSpec is the chosen map as ImportRequest.Map and ExportRequest.Map name
// it: "" for none, a built-in map's name, or a file's path.
func (o *transferOptions) mapSpec() string {
	if s := o.labelMap.Selected; s != noMap && s != mapFromFile {
		return s
	}
	return ""
}
