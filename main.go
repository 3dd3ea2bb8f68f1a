// Command frametag is an annotation workbench for news articles. main only
// wires the parts together: the SQLite store, the command line and the GUI;
// everything else lives in the packages.
package main

import (
	"context"
	"os"

	"frametag/app"
	"frametag/cli"
	_ "frametag/cli/clocale" // before Fyne initialises: see its doc
	"frametag/storage/sqlite"
)

func main() {
	// The only place that names the store: the window and the command line
	// get projects through annotate.Opener.
	projects := sqlite.Opener{}
	openGUI := func(ctx context.Context, path, annotator string, named bool) error {
		return app.Run(ctx, projects, path, annotator, named)
	}
	os.Exit(cli.Run(context.Background(), os.Args[1:], cli.System(projects, openGUI)))
}
