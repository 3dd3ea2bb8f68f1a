package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog opens the chosen file for writing, truncating it, before
// it calls back; the workbench only wants the path (storage.Create and
// format.WriteFile write it themselves, all or nothing). With the stock
// repository, "Overwrite?" → Yes on the open project emptied it under
// SQLite's feet. pathOnlySaves wraps the file repository so that a writer
// touches the file only at its first Write: a dialog's callback that just
// reads the URI leaves an existing file as it was.
//
// The repository registry is Fyne's, one per process; the wrapper is
// installed once per driver (each test app registers a fresh file
// repository, which is wrapped again).
func pathOnlySaves() {
	inner, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := inner.(pathOnlyRepository); done {
		return
	}
	files, ok := inner.(fileRepository)
	if !ok {
		return
	}
	repository.Register("file", pathOnlyRepository{files})
}

// fileRepository is what Fyne's file dialogs use of the file repository.
type fileRepository interface {
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.WritableRepository
}

type pathOnlyRepository struct{ fileRepository }

// Writer returns a writer that opens (creates or truncates) u on first Write.
func (r pathOnlyRepository) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return r.fileRepository.Writer(u) }}, nil
}

type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open()
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}
