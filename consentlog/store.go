package consentlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	// The two drivers: pure Go SQLite (no cgo) and PostgreSQL.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// DefaultDSN is the database `consent log` uses without --db.
const DefaultDSN = "consent-log.db"

// Entry is one stored proof of consent: the document and when the server
// received it (ms since the epoch).
type Entry struct {
	Doc        *Document
	ReceivedAt int64
	// Link is the record's place in its origin's hash chain; Insert sets
	// it.
	Link Link
}

// Outcome is what Insert did with one entry.
type Outcome int

// Insert's outcomes.
const (
	// Stored: a new record, appended to its origin's chain.
	Stored Outcome = iota
	// AlreadyStored: the same document (id, timestamp and content) was
	// stored before; nothing changed.
	AlreadyStored
	// Conflict: a different document with the same consent id and
	// timestamp is stored; this one was refused.
	Conflict
)

// Store is the consent log's database: SQLite or PostgreSQL (and the
// PostgreSQL-compatible CockroachDB and YugabyteDB) behind one schema.
type Store struct {
	db       *sql.DB
	postgres bool
	insert   string
}

// schemaVersion is the version of the schema Open creates; a database of
// an older version is migrated on Open.
const schemaVersion = 3

// The schema keeps to SQL that SQLite, PostgreSQL, CockroachDB and
// YugabyteDB share: TEXT, BIGINT and INTEGER columns, a composite primary
// key, CREATE ... IF NOT EXISTS and INSERT ... ON CONFLICT DO NOTHING. One
// row is one document; the primary key (consent id, time of the choice)
// makes a resent document a duplicate and serves `log show ID`, the index
// on received_at serves `log export --since`.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS consent_log_schema (version INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS consent_log (
		consent_id      TEXT    NOT NULL,
		ts              BIGINT  NOT NULL,
		received_at     BIGINT  NOT NULL,
		method          TEXT    NOT NULL,
		revision        BIGINT  NOT NULL,
		policy_revision BIGINT  NOT NULL,
		policy_sha256   TEXT    NOT NULL,
		origin          TEXT    NOT NULL,
		path            TEXT    NOT NULL,
		language        TEXT    NOT NULL,
		gpc             INTEGER NOT NULL,
		categories      TEXT    NOT NULL,
		services        TEXT    NOT NULL,
		seq             BIGINT,
		prev_hash       TEXT,
		hash            TEXT,
		source          TEXT,
		PRIMARY KEY (consent_id, ts)
	)`,
	`CREATE INDEX IF NOT EXISTS consent_log_received_at ON consent_log (received_at)`,
	// One row, rewritten by /readyz's write probe.
	`CREATE TABLE IF NOT EXISTS consent_log_probe (id INTEGER PRIMARY KEY, at BIGINT NOT NULL)`,
	// The head of each origin's hash chain: its last record's seq and hash.
	// Writers lock it (an upsert, held until the commit), so that two servers on one
	// PostgreSQL append to a chain one after the other.
	`CREATE TABLE IF NOT EXISTS consent_log_head (
		origin TEXT   PRIMARY KEY,
		seq    BIGINT NOT NULL,
		hash   TEXT   NOT NULL
	)`,
	// Where `consent log prune` cut each origin's chain: the seq and hash
	// of the last record removed, which the first one kept links to.
	`CREATE TABLE IF NOT EXISTS consent_log_checkpoint (
		origin     TEXT   PRIMARY KEY,
		seq        BIGINT NOT NULL,
		hash       TEXT   NOT NULL,
		before_ms  BIGINT NOT NULL,
		created_at BIGINT NOT NULL,
		mac        TEXT   NOT NULL
	)`,
}

// chainIndex makes a seq unique per origin; created once the columns exist.
const chainIndex = `CREATE UNIQUE INDEX IF NOT EXISTS consent_log_chain ON consent_log (origin, seq)`

const columns = `consent_id, ts, received_at, method, revision, policy_revision, policy_sha256, origin, path, language, gpc, categories, services, seq, prev_hash, hash, source`

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database dsn (a file path or sqlite:PATH, or a postgres://
// URL), creates the schema when it is missing and migrates an older one.
// SQLite runs in WAL mode with synchronous=FULL, so that a committed
// document survives a crash of the process or the machine.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	s := &Store{postgres: IsPostgres(dsn)}
	var err error
	if s.postgres {
		s.db, err = sql.Open("pgx", dsn)
		if err == nil {
			s.db.SetMaxOpenConns(16)
			s.db.SetMaxIdleConns(16)
		}
	} else {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("consentlog: sqlite: no file path")
		}
		s.db, err = sql.Open("sqlite", "file:"+path+
			"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
		if err == nil {
			// One writer at a time is what SQLite allows anyway; the
			// other connections read (log show, /healthz).
			s.db.SetMaxOpenConns(4)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("consentlog: open %s: %w", redactDSN(dsn), err)
	}
	s.insert = `INSERT INTO consent_log (` + columns + `) VALUES (` + s.params(17) + `) ON CONFLICT (consent_id, ts) DO NOTHING`
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("consentlog: %s: %w", redactDSN(dsn), err)
	}
	return s, nil
}

// params returns n placeholders in the driver's dialect.
func (s *Store) params(n int) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			sb.WriteString(", ")
		}
		if s.postgres {
			sb.WriteString("$" + strconv.Itoa(i))
		} else {
			sb.WriteString("?")
		}
	}
	return sb.String()
}

func (s *Store) migrate(ctx context.Context) error {
	if !s.postgres {
		// journal_mode is persistent, but check it took: WAL is what
		// makes a commit durable and readers concurrent.
		var mode string
		if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
			return fmt.Errorf("read journal_mode: %w", err)
		}
		if !strings.EqualFold(mode, "wal") {
			return fmt.Errorf("journal_mode is %q, not wal", mode)
		}
	}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = s.createSchema(ctx); err == nil {
			return nil
		}
		// Several servers starting at once on one PostgreSQL may race on
		// CREATE ... IF NOT EXISTS: the loser tries again.
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	return err
}

func (s *Store) createSchema(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	for _, q := range schema {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create the schema: %w", err)
		}
	}
	var v int
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM consent_log_schema`).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO consent_log_schema (version) VALUES (`+s.params(1)+`)`, schemaVersion); err != nil {
			return fmt.Errorf("record the schema version: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read the schema version: %w", err)
	case v > schemaVersion:
		return fmt.Errorf("the database has schema version %d, newer than this program's %d", v, schemaVersion)
	case v == 1:
		if err := s.migrateChain(ctx, tx); err != nil {
			return fmt.Errorf("migrate to schema 2 (the hash chain): %w", err)
		}
	case v == 2:
		// Schema 3: record.source, who made the choice.
		if _, err := tx.ExecContext(ctx, `ALTER TABLE consent_log ADD COLUMN source TEXT`); err != nil {
			return fmt.Errorf("migrate to schema 3: add column source: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE consent_log_schema SET version = `+s.params(1), schemaVersion); err != nil {
			return fmt.Errorf("migrate to schema 3: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, chainIndex); err != nil {
		return fmt.Errorf("create the chain index: %w", err)
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

func mustJSON(m map[string]bool) string {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Show calls fn for every stored document of a consent id, oldest choice
// first.
func (s *Store) Show(ctx context.Context, consentID string, fn func(Entry) error) error {
	return s.query(ctx, fn, `SELECT `+columns+` FROM consent_log WHERE consent_id = `+s.params(1)+` ORDER BY ts, received_at`, consentID)
}

// Export calls fn for every document received at or after since (ms),
// in the order received. Rows are read one at a time, never all at once.
func (s *Store) Export(ctx context.Context, since int64, fn func(Entry) error) error {
	return s.query(ctx, fn, `SELECT `+columns+` FROM consent_log WHERE received_at >= `+s.params(1)+
		` ORDER BY received_at, consent_id, ts`, since)
}

// Count returns the number of stored documents.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM consent_log`).Scan(&n)
	return n, err
}

func (s *Store) query(ctx context.Context, fn func(Entry) error, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("consentlog: query: %w", err)
	}
	defer rows.Close()
	return scanRows(rows, fn)
}

// scanRows calls fn for each row of a SELECT of columns.
func scanRows(rows *sql.Rows, fn func(Entry) error) error {
	for rows.Next() {
		d := &Document{}
		var e Entry
		var gpc int64
		var cats, svcs string
		var seq sql.NullInt64
		var prev, hash, source sql.NullString
		if err := rows.Scan(&d.ConsentID, &d.Timestamp, &e.ReceivedAt, &d.Method, &d.Revision, &d.PolicyRevision,
			&d.PolicySHA256, &d.Origin, &d.Path, &d.Language, &gpc, &cats, &svcs, &seq, &prev, &hash, &source); err != nil {
			return fmt.Errorf("consentlog: read a row: %w", err)
		}
		d.GPC = gpc != 0
		d.Source = source.String
		if err := json.Unmarshal([]byte(cats), &d.Categories); err != nil {
			return fmt.Errorf("consentlog: row %s/%d: categories: %w", d.ConsentID, d.Timestamp, err)
		}
		if err := json.Unmarshal([]byte(svcs), &d.Services); err != nil {
			return fmt.Errorf("consentlog: row %s/%d: services: %w", d.ConsentID, d.Timestamp, err)
		}
		e.Doc = d
		e.Link = Link{Seq: seq.Int64, Prev: prev.String, Hash: hash.String}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("consentlog: query: %w", err)
	}
	return nil
}

// redactDSN hides a PostgreSQL URL's password in messages.
func redactDSN(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	scheme, rest, _ := strings.Cut(dsn, "://")
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if user, _, hasPw := strings.Cut(rest[:at], ":"); hasPw {
			return scheme + "://" + user + ":xxxxx@" + rest[at+1:]
		}
	}
	return dsn
}
