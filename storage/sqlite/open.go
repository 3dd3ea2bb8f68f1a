// Package sqlite keeps a frametag project in one SQLite file: the schema,
// the documents, every annotation on them and the edit log that makes undo
// and redo survive a restart.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"frametag/annotate"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID marks a SQLite file as a frametag project ("FTAG"), so that
// another program's database is recognised and left alone.
const ApplicationID = 0x46544147

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open project. It is safe for concurrent use, and several Stores
// (in one process or several) may have the same file open at once.
type Store struct {
	db   *sql.DB
	path string
	// now stamps new spans, relations and edit-log rows; injected so that
	// tests can fix time.
	now func() time.Time
	// readOnly: opened on read-only media, or on a full disk (readOnlyWhy
	// says which); every write is refused.
	readOnly    bool
	readOnlyWhy string
	// written is the edit-log row this Store wrote last (see Written).
	written atomic.Int64
	// watch is the connection Version reads data_version on.
	watchMu sync.Mutex
	watch   *sql.Conn
	// kept is what the store remembers between transactions so that an
	// edit need not read it again (see each cache for why it stays true).
	kept kept
}

// Option configures a Store at Create or Open.
type Option func(*Store)

// WithClock makes the store take the time from clock instead of time.Now.
// Times are stored in UTC whatever the clock's zone, so that they compare as
// strings.
func WithClock(clock func() time.Time) Option {
	return func(s *Store) { s.now = func() time.Time { return clock().UTC() } }
}

func newStore(db *sql.DB, path string, opts []Option) *Store {
	s := &Store{db: db, path: path}
	WithClock(time.Now)(s)
	for _, o := range opts {
		o(s)
	}
	return s
}

// Opener creates and opens SQLite projects with the options given to it: the
// annotate.Opener that main.go hands to the window and the command line.
type Opener struct{ Options []Option }

// IsProjectFile reports whether path holds an SQLite database; see
// IsDatabase.
func (Opener) IsProjectFile(path string) bool { return IsDatabase(path) }

// Create makes a new project file; see Create.
func (o Opener) Create(ctx context.Context, path string, schema annotate.Schema) (annotate.Store, error) {
	s, err := Create(ctx, path, schema, o.Options...)
	if err != nil {
		return nil, err // a nil *Store in an interface would not compare equal to nil
	}
	return s, nil
}

// Open opens an existing project file; see Open.
func (o Opener) Open(ctx context.Context, path string) (annotate.Store, error) {
	s, err := Open(ctx, path, o.Options...)
	if err != nil {
		return nil, err
	}
	return s, nil
}

var (
	_ annotate.Store  = (*Store)(nil)
	_ annotate.Opener = Opener{}
)

// migration is one numbered step of the file format.
type migration struct {
	version int
	name    string
	sql     string
	// step, when there is one, runs after sql in its transaction: what SQL
	// alone cannot do by the domain's rules (migrationSteps).
	step func(ctx context.Context, tx *sql.Tx) error
}

// migrationSteps are the Go steps of migrations, by number.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	5: linkActorNames, // canonical_name attributes become registry links
}

// migrations returns the embedded migrations in order. Their numbers must run
// 1, 2, 3… without gaps: user_version records the last one applied.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number and an underscore", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body), step: migrationSteps[v]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// FormatVersion is the newest project format this build reads and writes.
func FormatVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// fileURI turns a path into a SQLite file: URI with the given query, escaping
// the characters a URI would otherwise take for syntax.
func fileURI(path, query string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") { // Windows drive letters: file:/C:/...
		abs = "/" + abs
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(abs)
	return "file:" + esc + "?" + query, nil
}

// readWriteQuery configures every pooled connection: WAL so readers never
// block the writer, a busy timeout and immediate transactions so that two
// Stores on one file wait for each other instead of failing with
// SQLITE_BUSY, FULL sync so a committed edit survives a power cut, and no
// trust in the file's own schema (triggers and views cannot call
// side-effecting functions). The page cache may grow to 32 MiB, enough for an
// import's working set (see docs/PERFORMANCE.md).
const readWriteQuery = "_pragma=busy_timeout(1000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(FULL)&_pragma=trusted_schema(0)&_pragma=cache_size(-32768)&_txlock=immediate"

func openDB(path string) (*sql.DB, error) {
	dsn, err := fileURI(path, readWriteQuery)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// Create makes a new project file holding schema. It refuses a path that
// already exists, whatever it is.
func Create(ctx context.Context, path string, schema annotate.Schema, opts ...Option) (*Store, error) {
	if err := schema.Validate(); err != nil {
		return nil, annotate.Errorf(annotate.EInvalid, "create %s: invalid schema: %w", path, err)
	}
	body, err := encodeSchema(schema)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	// O_EXCL claims the path atomically: two Creates cannot both win.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, annotate.Errorf(annotate.EConflict, "create %s: the file already exists", path)
		}
		return nil, coded(fmt.Errorf("create %s: %w", path, err))
	}
	if err := f.Close(); err != nil {
		return nil, coded(fmt.Errorf("create %s: %w", path, err))
	}
	fail := func(err error) (*Store, error) {
		_ = os.Remove(path)
		_ = os.Remove(path + "-wal")
		_ = os.Remove(path + "-shm")
		return nil, coded(fmt.Errorf("create %s: %w", path, err))
	}
	db, err := openDB(path)
	if err != nil {
		return fail(err)
	}
	s := newStore(db, path, opts)
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		db.Close()
		return fail(fmt.Errorf("set application id: %w", err))
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return fail(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO schema (id, version, body) VALUES (1, ?, ?)`, schema.Version, body); err != nil {
		db.Close()
		return fail(fmt.Errorf("store schema: %w", err))
	}
	// Fold the WAL into the main file now, so that the header another process
	// inspects before opening already carries the application id and format.
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		db.Close()
		return fail(fmt.Errorf("checkpoint: %w", err))
	}
	return s, nil
}

// Open opens an existing project. Anything that is not a frametag project
// (no file, a directory, random bytes, a truncated file, another program's
// database, a project from a newer frametag) is refused with an error naming
// the file, and left exactly as it was.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if err := inspect(ctx, path); err != nil {
		return nil, err
	}
	if !writable(path) {
		return openReadOnly(ctx, path, opts)
	}
	_, walErr := os.Stat(path + "-wal")
	_, shmErr := os.Stat(path + "-shm")
	db, err := openDB(path)
	if err != nil {
		return nil, err
	}
	s := newStore(db, path, opts)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		// Leave nothing behind that this failed open made: an empty -wal
		// and its -shm, which SQLite leaves when it cannot finish setting
		// them up (a full disk).
		if walErr != nil && shmErr != nil {
			if st, err := os.Stat(path + "-wal"); err == nil && st.Size() == 0 {
				os.Remove(path + "-wal")
				os.Remove(path + "-shm")
			}
		}
		err = fmt.Errorf("open %s: %w", path, err)
		if sqliteCode(err)&0xff == sqlite3.SQLITE_IOERR && lowOnSpace(filepath.Dir(path)) {
			// WAL mode cannot set up its -shm on a full disk. A project
			// closed cleanly (no -wal before) holds everything in its one
			// file, so it can still be read, exported and counted
			// immutably; one with a -wal may hold edits only the WAL has.
			if walErr != nil {
				if ro, roErr := openReadOnly(ctx, path, opts); roErr == nil {
					ro.readOnlyWhy = diskFullWhy
					return ro, nil
				}
			}
			return nil, fullAtOpen(path, err)
		}
		return nil, coded(err)
	}
	return s, nil
}

// writable reports whether both the project file and its folder can be
// written (SQLite in WAL mode writes -wal and -shm files beside the
// project). A variable, so that tests run as root can play read-only media.
var writable = func(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return dirWritable(filepath.Dir(path))
}

// openReadOnly opens a project on read-only media (a read-only file or
// folder, a mounted archive, a CD) for reading: the documents, export and
// stats work; every write is refused with EReadOnly; nothing is written
// beside it. Without a -wal file the connection is immutable (no locks, no
// -shm); with one (a process allowed to write has it open) it reads through
// the WAL. A project of an older format is refused: upgrading it would
// mean writing it.
func openReadOnly(ctx context.Context, path string, opts []Option) (*Store, error) {
	query := "mode=ro&immutable=1&_pragma=query_only(1)&_pragma=trusted_schema(0)"
	if _, err := os.Stat(path + "-wal"); err == nil {
		query = "mode=ro&_pragma=busy_timeout(1000)&_pragma=query_only(1)&_pragma=trusted_schema(0)"
	}
	dsn, err := fileURI(path, query)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := newStore(db, path, opts)
	s.readOnly, s.readOnlyWhy = true, readOnlyMediaWhy
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return nil, coded(fmt.Errorf("open %s: %w", path, err))
	}
	if known := FormatVersion(); version < known {
		db.Close()
		return nil, annotate.Errorf(annotate.EReadOnly, "open %s: the project is read-only and in an older format (%d) that this frametag would have to upgrade to %d; copy it somewhere you can write to open it", path, version, known)
	}
	return s, nil
}

// Why a project opened read-only.
const (
	readOnlyMediaWhy = "its file or folder cannot be written"
	diskFullWhy      = "the disk holding it is full; free some space and open it again to edit"
)

// ReadOnly reports whether the project was opened read-only (see
// openReadOnly): the window shows a banner.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ReadOnlyReason says why the project was opened read-only ("" when not).
func (s *Store) ReadOnlyReason() string { return s.readOnlyWhy }

// refuseWrite is every write's refusal on a read-only project.
func (s *Store) refuseWrite() error {
	return annotate.Errorf(annotate.EReadOnly, "the project is read-only (%s): it is open for reading, export and stats; nothing was changed", s.readOnlyWhy)
}

// Close releases the file. The last Store to close a project folds the WAL
// back into it.
func (s *Store) Close() error {
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path is the project file's path as given to Create or Open.
func (s *Store) Path() string { return s.path }

// sqliteHeaderSize is the size of the database header on page 1.
const sqliteHeaderSize = 100

// sqliteMagic begins every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// IsDatabase reports, from its first bytes alone, whether path holds an
// SQLite database, as every project is: the one check, for Open and for the
// window and the command line, which refuse to write an export over one. A
// file that cannot be read is not one.
func IsDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [len(sqliteMagic)]byte
	_, err = io.ReadFull(f, h[:])
	return err == nil && string(h[:]) == sqliteMagic
}

// inspect checks, without letting SQLite near the file, that path is a
// frametag project this build can open. SQLite in read-write WAL mode would
// rewrite the header and create -wal/-shm files beside whatever it is given,
// so the verdict must come first.
func inspect(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return annotate.Errorf(annotate.ENotFound, "open %s: no such file", path)
		}
		return coded(fmt.Errorf("open %s: %w", path, err))
	}
	if st.IsDir() {
		return annotate.Errorf(annotate.ENotProject, "open %s: is a directory, not a frametag project", path)
	}
	if !IsDatabase(path) {
		if st.Size() == 0 {
			return annotate.Errorf(annotate.ENotProject, "open %s: the file is empty, not a frametag project", path)
		}
		return annotate.Errorf(annotate.ENotProject, "open %s: not a frametag project (not an SQLite database)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return coded(fmt.Errorf("open %s: %w", path, err))
	}
	defer f.Close()
	var h [sqliteHeaderSize]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		// The magic is there but not the whole header.
		return annotate.Errorf(annotate.ENotProject, "open %s: not a frametag project (corrupt SQLite header)", path)
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return annotate.Errorf(annotate.ENotProject, "open %s: not a frametag project (corrupt SQLite header)", path)
	}
	appID := binary.BigEndian.Uint32(h[68:72])
	userVersion := int(binary.BigEndian.Uint32(h[60:64]))
	if err := checkIdentity(path, appID, userVersion); err != nil {
		return err
	}
	_, walErr := os.Stat(path + "-wal")
	hasWAL := walErr == nil
	// Without a -wal file the main file is the whole database and its size
	// must match the header. (With one, a checkpoint may have been cut short;
	// SQLite finishes it from the WAL.)
	changeCounter := binary.BigEndian.Uint32(h[24:28])
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	validFor := binary.BigEndian.Uint32(h[92:96])
	if !hasWAL && (st.Size()%pageSize != 0 || (pages > 0 && changeCounter == validFor && st.Size() < pages*pageSize)) {
		return annotate.Errorf(annotate.EDamaged, "open %s: the project file is truncated or damaged (%d bytes; pages of %d bytes)", path, st.Size(), pageSize)
	}
	// The application id is in the main file from Create on, but a -wal file
	// may hold a newer page 1 (a migration by a newer frametag still open
	// elsewhere); only then ask SQLite, read-only and without touching the
	// journal mode.
	if hasWAL {
		appID, userVersion, err = readOnlyHeader(ctx, path)
		if err != nil {
			return err
		}
		if err := checkIdentity(path, appID, userVersion); err != nil {
			return err
		}
	}
	return probe(ctx, path, userVersion, hasWAL)
}

// probe reads the file through SQLite, read-only, and checks that it holds
// a complete project frametag can trust: its tables parse, it holds no
// schema object frametag did not create (a trigger in a colleague's file
// would run inside every import and edit; one wiped the undo history,
// another looped forever), and its schema is valid. Without a -wal file the
// connection is immutable: no locks, no side files, not a byte written.
// With one, it reads through the WAL (mode=ro), waiting out a moment of
// exclusive access. A damaged page 1 or sqlite_master, or a file whose
// creation was cut short, is refused here rather than failing later with a
// message that does not name the file.
func probe(ctx context.Context, path string, userVersion int, hasWAL bool) error {
	query := "mode=ro&immutable=1"
	if hasWAL {
		query = "mode=ro&_pragma=busy_timeout(5000)"
	}
	dsn, err := fileURI(path, query)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return unreadable(path, "the project file is damaged", err)
	}
	if err := checkObjects(ctx, db, path, userVersion); err != nil {
		return err
	}
	sc, err := loadSchema(ctx, db)
	if err != nil {
		return annotate.Errorf(annotate.EDamaged, "open %s: the project file is damaged or incomplete: %w", path, err)
	}
	if err := sc.Validate(); err != nil {
		return annotate.Errorf(annotate.EDamaged, "open %s: the project's stored schema is invalid (%v); the file was not opened and is unchanged", path, err)
	}
	return nil
}

// checkObjects refuses a file holding a table, index, view or trigger that
// frametag's migrations up to version did not create, or one of theirs whose
// definition was changed.
func checkObjects(ctx context.Context, db *sql.DB, path string, version int) error {
	want, err := expectedObjects(ctx, version)
	if err != nil {
		return err
	}
	have, err := schemaObjects(ctx, db)
	if err != nil {
		return annotate.Errorf(annotate.EDamaged, "open %s: the project file is damaged: %w", path, err)
	}
	var foreign []string
	for key, def := range have {
		if strings.HasPrefix(key, "table sqlite_stat") {
			continue // ANALYZE's statistics: data for the planner, no code
		}
		if ours, ok := want[key]; !ok || ours != def {
			foreign = append(foreign, key)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	sort.Strings(foreign)
	return annotate.Errorf(annotate.EDamaged, "open %s: the file holds what frametag did not create (%s); frametag does not open it, as a trigger or view in it would run inside your imports and edits; the file is unchanged",
		path, strings.Join(foreign, ", "))
}

// schemaObjects reads sqlite_master as "type name" -> its SQL.
func schemaObjects(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := queryAll(ctx, q, "read the table of tables", func(r scanner) ([3]string, error) {
		var typ, name string
		var def sql.NullString
		err := r.Scan(&typ, &name, &def)
		return [3]string{typ, name, def.String}, err
	}, `SELECT type, name, sql FROM sqlite_master`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r[0]+" "+strconv.Quote(r[1])] = r[2]
	}
	return out, nil
}

var (
	expectedMu sync.Mutex
	expected   = map[int]map[string]string{}
)

// expectedObjects is what the migrations up to version create, read from an
// in-memory database they are run on (once per version).
func expectedObjects(ctx context.Context, version int) (map[string]string, error) {
	expectedMu.Lock()
	defer expectedMu.Unlock()
	if objs, ok := expected[version]; ok {
		return objs, nil
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, m := range ms[:min(version, len(ms))] {
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	objs, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	expected[version] = objs
	return objs, nil
}

// fullAtOpen is the refusal to open a project on a full disk that could
// not be opened read-only either.
func fullAtOpen(path string, err error) error {
	return &annotate.Error{Code: annotate.EInternal, Err: err,
		Message: "the disk holding " + path + " is full (" + err.Error() + "): the project was not opened and is unchanged; free some space and try again"}
}

// unreadable is a failure to read path at open: EDamaged saying what only
// when SQLite found the file damaged or not a database; a full disk (the
// -shm file cannot be made) or another failure says so instead of calling
// the file damaged.
func unreadable(path, what string, err error) error {
	switch sqliteCode(err) & 0xff {
	case 0, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_ERROR:
		return annotate.Errorf(annotate.EDamaged, "open %s: %s: %w", path, what, err)
	}
	if full := diskFull(fmt.Errorf("open %s: %w", path, err)); full != nil {
		return full
	}
	if sqliteCode(err)&0xff == sqlite3.SQLITE_IOERR && lowOnSpace(filepath.Dir(path)) {
		return fullAtOpen(path, fmt.Errorf("open %s: %w", path, err))
	}
	return coded(fmt.Errorf("open %s: cannot read it: %w", path, err))
}

func checkIdentity(path string, appID uint32, userVersion int) error {
	if appID != ApplicationID {
		return annotate.Errorf(annotate.ENotProject, "open %s: not a frametag project (an SQLite database of another program)", path)
	}
	if known := FormatVersion(); userVersion > known {
		return annotate.Errorf(annotate.ENewerVersion, "%s was written by a newer frametag (format %d; this one reads up to %d)", path, userVersion, known)
	}
	return nil
}

// readOnlyHeader reads application_id and user_version through a read-only
// connection, which sees committed transactions still in the WAL.
func readOnlyHeader(ctx context.Context, path string) (uint32, int, error) {
	// The busy timeout lets it wait out another process that holds the
	// file exclusively for a moment (the last connection closing folds the
	// WAL back in): without one, such a moment was reported as "not a
	// readable SQLite database: database is locked".
	dsn, err := fileURI(path, "mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, 0, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return 0, 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var appID int64
	var userVersion int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, 0, unreadable(path, "not a readable SQLite database", err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&userVersion); err != nil {
		return 0, 0, unreadable(path, "not a readable SQLite database", err)
	}
	return uint32(appID), userVersion, nil
}

// migrate brings the file to FormatVersion, one transaction per migration, and
// refuses a file from a newer frametag.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("read application id: %w", err)
	}
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read format version: %w", err)
	}
	if err := checkIdentity(s.path, uint32(appID), current); err != nil {
		return err
	}
	for _, m := range ms[current:] {
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies one migration in one transaction: all of it or,
// on any error, none. It runs on a connection of its own with foreign keys
// off, as SQLite's procedure for changing a table's keys asks (with them on,
// dropping the old table would cascade into the new), and checks every
// foreign key before it commits, so that a migrated file holds no relation
// to a span that is not there.
func (s *Store) applyMigration(ctx context.Context, m migration) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("migration %s: %w", m.name, err)
		}
	}()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// PRAGMA foreign_keys is a no-op inside a transaction: set it first.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		// The connection goes back to the pool: with foreign keys on, as
		// every other has them, or not at all.
		if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); ferr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have migrated the file while this one waited for
	// the write lock.
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if m.step != nil {
		if err := m.step(ctx, tx); err != nil {
			return err
		}
	}
	if err := checkForeignKeys(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// checkForeignKeys refuses a database in which a row refers to one that is
// not there, naming the first few.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var bad []string
	n := 0
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		n++
		if len(bad) < 3 {
			bad = append(bad, fmt.Sprintf("a row of %s (rowid %d) refers to a missing row of %s", table, rowid.Int64, parent))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch {
	case n == 1:
		return annotate.Errorf(annotate.EDamaged, "a row refers to one that is not there: %s", bad[0])
	case n > 1:
		return annotate.Errorf(annotate.EDamaged, "%d rows refer to rows that are not there: %s", n, strings.Join(bad, "; "))
	}
	return nil
}

// timeLayout keeps nanoseconds and a fixed width, so that text order is time
// order.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// formatTime writes timeLayout by hand: imports format two times per span.
func formatTime(t time.Time) string {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	if y < 0 || y > 9999 {
		return t.Format(timeLayout)
	}
	var b [30]byte
	put := func(at, width, n int) {
		for i := at + width - 1; i >= at; i-- {
			b[i] = byte('0' + n%10)
			n /= 10
		}
	}
	put(0, 4, y)
	b[4] = '-'
	put(5, 2, int(mo))
	b[7] = '-'
	put(8, 2, d)
	b[10] = 'T'
	put(11, 2, h)
	b[13] = ':'
	put(14, 2, mi)
	b[16] = ':'
	put(17, 2, sec)
	b[19] = '.'
	put(20, 9, t.Nanosecond())
	b[29] = 'Z'
	return string(b[:])
}

// parseTime reads what formatTime wrote; the fixed layout is read by hand,
// since exports parse two times per span.
func parseTime(s string) (time.Time, error) {
	if len(s) == len(timeLayout)-len("Z07:00")+1 && s[len(s)-1] == 'Z' && s[4] == '-' && s[7] == '-' &&
		s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' {
		num := func(from, to int) int {
			n := 0
			for _, c := range []byte(s[from:to]) {
				if c < '0' || c > '9' {
					return -1
				}
				n = n*10 + int(c-'0')
			}
			return n
		}
		y, mo, d, h, mi, sec, ns := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19), num(20, 29)
		if y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && sec >= 0 && sec < 60 && ns >= 0 {
			return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), nil
		}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}
