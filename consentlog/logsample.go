package consentlog

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// refusalSample is how many refused requests (4xx and 5xx) of each status
// are logged one by one per minute; the others are counted, and the
// counts logged once the minute is over. A flood of 429s costs a few
// lines a minute, not one line per request.
const refusalSample = 5

// refusalLog samples the refusals' log lines per minute.
type refusalLog struct {
	log    *slog.Logger
	mu     sync.Mutex
	window time.Time
	seen   map[int]int // refusals per status in the window
}

// note reports whether this refusal is logged on its own line; when a new
// minute starts, it first logs the counts of the minute before.
func (l *refusalLog) note(ctx context.Context, status int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil || now.Sub(l.window) >= time.Minute || now.Before(l.window) {
		l.flushLocked(ctx)
		l.window = now
		l.seen = map[int]int{}
	}
	l.seen[status]++
	return l.seen[status] <= refusalSample
}

// flush logs the counts of the current window now (at shutdown).
func (l *refusalLog) flush(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked(ctx)
	l.seen = nil
}

func (l *refusalLog) flushLocked(ctx context.Context) {
	var attrs []any
	over := false
	for status, n := range l.seen {
		attrs = append(attrs, strconv.Itoa(status), n)
		over = over || n > refusalSample
	}
	if !over {
		return
	}
	l.log.Log(ctx, slog.LevelWarn, "refused requests in the minute (only the first "+strconv.Itoa(refusalSample)+
		" of each status were logged)", append([]any{"since", l.window.UTC().Format(time.RFC3339)}, attrs...)...)
}
