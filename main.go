// Command frametag is an annotation workbench for news articles. main only
// wires the command line to the GUI; everything else lives in the packages.
package main

import (
	"os"

	"frametag/app"
	"frametag/cli"
	_ "frametag/cli/clocale" // before Fyne initialises: see its doc
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.System(app.Run)))
}
