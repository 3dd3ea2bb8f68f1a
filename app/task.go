package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// task is long work run off the UI thread. It tells its progress through
// p (safe to call from the task), stops when ctx is cancelled (the dialog's
// Cancel), and returns what to tell the user.
type task func(ctx context.Context, p progress) (string, error)

// progress is how a task talks to its progress dialog.
type progress struct {
	report func(string)
	// committing says the work can no longer be cancelled (an import's
	// last step, indexing and commit) and disables Cancel.
	committing func(string)
}

// cancelled reports whether err is the end of a task the user cancelled;
// imports and exports are all or nothing, so it left everything as it was.
func cancelled(err error) bool { return annotate.ErrorCode(err) == annotate.ECanceled }

// runTask runs work in a goroutine with a progress dialog that appears if it
// takes more than a moment, with a Cancel button; a panic in work becomes an
// error, never a crash. finish runs on the UI thread with the outcome.
func (w *Workbench) runTask(title string, work task, finish func(msg string, err error)) {
	status := widget.NewLabel("Starting…")
	bar := widget.NewProgressBarInfinite()
	ctx, stop := context.WithCancel(w.ctx())
	prog := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, status), w.win)
	var cancel *widget.Button
	cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		stop()
		cancel.Disable()
		status.SetText("Cancelling… nothing will be changed.")
	})
	prog.SetButtons([]fyne.CanvasObject{cancel})
	w.cancelTask = cancel
	prog.Resize(fyne.NewSize(420, 0))
	finished := false
	time.AfterFunc(400*time.Millisecond, func() {
		fyne.Do(func() {
			if !finished {
				prog.Show()
			}
		})
	})
	p := progress{
		report: func(s string) {
			fyne.Do(func() {
				if ctx.Err() == nil {
					status.SetText(s)
				}
			})
		},
		committing: func(s string) {
			fyne.Do(func() {
				cancel.Disable()
				status.SetText(s)
			})
		},
	}
	w.background(func() {
		// A store waiting for another frametag's write lock says so here.
		waiting := annotate.WithWaiting(ctx, func(what string) {
			if what != "" {
				p.report(what)
			}
		})
		msg, err := safely(waiting, work, p)
		stop()
		fyne.Do(func() {
			finished = true
			if w.cancelTask == cancel {
				w.cancelTask = nil
			}
			bar.Stop()
			prog.Hide()
			finish(msg, err)
		})
	})
}

func safely(ctx context.Context, work task, p progress) (msg string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return work(ctx, p)
}
