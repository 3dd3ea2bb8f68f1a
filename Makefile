# frametag: `make run` builds and opens the workbench, `make test` checks everything.
# On Debian and Ubuntu both install the missing build packages first (apt-get, as root or via sudo).

# Build packages for Fyne's cgo (GLFW, OpenGL, X11), and the GL driver it loads at run time.
DEB_PACKAGES := gcc libc6-dev xz-utils pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri

GO      ?= go
BINARY  := frametag
# Arguments for `make run`, e.g. make run ARGS="open my.frametag"
ARGS    ?=

# staticcheck, pinned (v0.8.x is the line built for Go 1.26). `make test` installs it into .tools/
# on first use, not into your GOBIN, so that another staticcheck you keep there stays as it is,
# and runs it by path.
STATICCHECK_VERSION := v0.8.2
TOOLS       := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck

# Fyne's thread checks (a stack trace captured on every refresh) are for development; FyneApp.toml
# says the code is migrated to fyne.Do ([Migrations] fyneDo = true), which `fyne build` and
# `fyne package` turn into this tag; a plain `go build` does not read FyneApp.toml, so every build
# here passes it. main_test.go checks that the two agree.
TAGS := migrated_fynedo

# The fyne command (fyne.io/tools) for `make dist`, pinned like staticcheck and kept in .tools/.
FYNE_TOOLS_VERSION := v1.7.4
FYNE := $(TOOLS)/fyne
DIST := dist

.PHONY: all run build test race soak fuzz window-soak bench deps fmt-check vet staticcheck tools fyne-tool dist clean

all: build

run: build
	./$(BINARY) $(ARGS)

build: deps
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o $(BINARY) .

test: deps fmt-check vet staticcheck
	$(GO) test ./...
	$(MAKE) --no-print-directory race
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o $(BINARY) .

# The race detector over the packages with concurrency of their own: several stores on one file,
# readers during imports, the command line beside the window. It needs cgo (gcc, in DEB_PACKAGES).
race: deps
	CGO_ENABLED=1 $(GO) test -race ./annotate/... ./storage/... ./cli/...

# soak runs the long reliability trials that make test runs once or small: kill trials
# (SIGKILL during edits SOAK_TRIALS times, during an import's commit SOAK_COMMIT_TRIALS
# times), six concurrent writers of 3,000 edits each, a 60,000-document import beside edits,
# the window opening a 10 MB article (in paragraphs, and as one paragraph), and every fuzz target for FUZZTIME each
# (make fuzz); then one summary line. Takes 25-30 minutes on 2 cores.
SOAK_TRIALS ?= 100
SOAK_COMMIT_TRIALS ?= 25
FUZZTIME    ?= 1m
soak: deps
	@rm -f soak.log
	FRAMETAG_SOAK_TRIALS=$(SOAK_TRIALS) FRAMETAG_SOAK_COMMIT_TRIALS=$(SOAK_COMMIT_TRIALS) FRAMETAG_SOAK_EDITS=3000 FRAMETAG_SOAK_IMPORT_DOCS=60000 \
		$(GO) test -count=1 -timeout 60m -v -run 'TestKillDuring|TestSixConcurrentWriters|TestEditsDuringALongImport' ./storage/sqlite | tee -a soak.log | grep -E '^(---|ok|FAIL|\s+\S+_test.go)'
	for shape in paragraphs oneline; do \
		FRAMETAG_SOAK_BIG=$$shape $(GO) test -count=1 -v -run 'TestBigArticleInTheWindow' ./app 2>&1 | grep -E '^(---|\s+\S+_test.go)' | tee -a soak.log; \
	done
	-$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME) 2>&1 | tee -a soak.log
	@awk '/soak: trials=/ { for (i = 1; i <= NF; i++) { split($$i, kv, "="); v[kv[1]] += kv[2] } } \
		/^(--- )?FAIL/ { failed++ } \
		END { printf "soak: %d edit-kill trials, %d edits acknowledged, %d edits lost; %d failure lines\n", v["trials"], v["acknowledged"], v["lost"], failed; exit (v["lost"] > 0 || failed > 0) }' soak.log

# fuzz runs every fuzz target (each importer's reader, the JSONL text fast path, opening a
# project file) for FUZZTIME each, one after another, and fails if any found something (the
# input is then kept in the package's testdata/fuzz/NAME/ and runs with go test from then on).
# make soak runs it at FUZZTIME=1m (about 15 minutes); CI (.ci/run) at FUZZTIME=5s.
FUZZ_PACKAGES := ./annotate/format ./storage/sqlite
fuzz: deps
	@failed=0; for pkg in $(FUZZ_PACKAGES); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			out=$$($(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg 2>&1); status=$$?; \
			execs=$$(printf '%s\n' "$$out" | sed -n 's/.*execs: \([0-9]*\).*/\1/p' | tail -1); \
			if [ $$status -eq 0 ]; then echo "fuzz $$target ($$pkg, $(FUZZTIME)): ok, $${execs:-?} execs"; \
			else failed=1; printf '%s\n' "$$out" | tail -15; echo "FAIL fuzz $$target ($$pkg)"; fi; \
		done; \
	done; exit $$failed

# window-soak launches the real window WINDOW_LAUNCHES times on PROJECT under Xvfb and checks that
# it keeps repainting (the freeze seen once in four launches on a big project); WINDOW_SOAK_MODE
# (hover, early, keys, relaunch, all) picks the probes' timing (scripts/window-soak.sh says what each
# does). It needs a display server (xvfb, xdotool, x11-apps, imagemagick): not part of make test.
WINDOW_LAUNCHES ?= 8
window-soak: deps
	@if [ -z "$(PROJECT)" ]; then echo "usage: make window-soak PROJECT=big.frametag [WINDOW_LAUNCHES=8] [WINDOW_SOAK_MODE=hover|early|keys|relaunch|all]"; exit 2; fi
	scripts/window-soak.sh "$(PROJECT)" $(WINDOW_LAUNCHES)

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

fmt-check:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w on them):"; \
		echo "$$unformatted"; \
		exit 1; \
	fi

vet: deps
	$(GO) vet ./...

staticcheck: tools
	$(STATICCHECK) ./...

# tools installs STATICCHECK_VERSION unless .tools/ holds it already; it needs the module proxy
# once, like the first build does.
tools:
	@if ! "$(STATICCHECK)" -version 2>/dev/null | grep -qF "$(STATICCHECK_VERSION:v%=%))"; then \
		echo "Installing staticcheck $(STATICCHECK_VERSION) into $(TOOLS)"; \
		GOBIN="$(TOOLS)" $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); \
	fi

# deps installs whichever DEB_PACKAGES are missing; with all present it does not touch apt.
# Elsewhere it says what to install and carries on (the build says if something is missing).
deps:
	@if ! command -v $(GO) >/dev/null 2>&1; then \
		echo "Go is not installed: get Go 1.26 or newer from https://go.dev/dl/ (Debian/Ubuntu: apt-get install golang-go gives an older Go that fetches 1.26 itself if it is 1.21 or newer)."; \
		exit 1; \
	fi
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "Not a Debian-based system. Build prerequisites: a C compiler (gcc or clang), pkg-config, and the OpenGL and X11 development headers"; \
		echo "(macOS: xcode-select --install; Windows: MinGW-w64 gcc, e.g. from MSYS2; Fedora: dnf install gcc libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel pkgconfig)."; \
		exit 0; \
	fi; \
	missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q ' installed$$' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "Installing build packages:$$missing"; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Not root and no sudo: as root, run apt-get install$$missing"; exit 1; fi; \
	$$sudo apt-get update && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing

# dist builds the release package for this machine's system with `fyne package` (which reads
# FyneApp.toml: name, id, version, icon, the desktop entry, and the fyneDo tag above) into dist/.
# (fyne package --release rewrites FyneApp.toml, counting the build up; it is put back as it was.)
# On Linux: dist/frametag-linux-<arch>.tar.xz holding the binary, the .desktop entry, the icon and a
# Makefile (`sudo make install`, or `make user-install` into ~/.local). fyne package builds natively
# only: on a Mac, `make dist` gives dist/frametag.app (zipped); on Windows (MinGW-w64 gcc, as in
# README) `make dist` or `fyne package --os windows --release` gives frametag.exe with its icon.
# Cross-building needs fyne-cross and Docker, which this Makefile does not assume.
dist: deps fyne-tool
	@mkdir -p $(DIST)
	@os=$$($(GO) env GOOS); arch=$$($(GO) env GOARCH); \
	set -e; \
	cp FyneApp.toml $(DIST)/FyneApp.toml.keep; \
	status=0; CGO_ENABLED=1 "$(FYNE)" package --os $$os --release --src . --icon Icon.png || status=$$?; \
	mv -f $(DIST)/FyneApp.toml.keep FyneApp.toml; \
	[ $$status -eq 0 ] || exit $$status; \
	case $$os in \
	linux|freebsd|openbsd|netbsd) mv -f $(BINARY).tar.xz $(DIST)/$(BINARY)-$$os-$$arch.tar.xz; \
		echo "wrote $(DIST)/$(BINARY)-$$os-$$arch.tar.xz"; \
		tar -tJf $(DIST)/$(BINARY)-$$os-$$arch.tar.xz ;; \
	darwin) rm -rf $(DIST)/$(BINARY).app; mv -f $(BINARY).app $(DIST)/; \
		(cd $(DIST) && zip -qr $(BINARY)-darwin-$$arch.zip $(BINARY).app); \
		echo "wrote $(DIST)/$(BINARY)-darwin-$$arch.zip" ;; \
	windows) mv -f $(BINARY).exe $(DIST)/$(BINARY)-windows-$$arch.exe; \
		echo "wrote $(DIST)/$(BINARY)-windows-$$arch.exe" ;; \
	esac

# fyne-tool installs FYNE_TOOLS_VERSION into .tools/ unless it is there already.
fyne-tool:
	@if ! "$(FYNE)" version 2>/dev/null | grep -qF "$(FYNE_TOOLS_VERSION)"; then \
		echo "Installing the fyne command $(FYNE_TOOLS_VERSION) into $(TOOLS)"; \
		GOBIN="$(TOOLS)" $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); \
	fi

clean:
	rm -f $(BINARY)
	rm -rf $(DIST)
