package consentlog

import (
	"context"
	"errors"
	"sync"
	"time"
)

// A batcher commits the documents that arrive together in one transaction
// (group commit): with synchronous=FULL every commit waits for the disk,
// so one commit per request would cap the log at the disk's fsyncs per
// second. A request waits for the commit of its batch, so its 2xx still
// means "durably stored".
type batcher struct {
	store *Store
	in    chan *pending
	max   int
	wg    sync.WaitGroup
	// mu guards closed: add sends under the read lock, close takes the
	// write lock, so nothing is ever sent on the closed channel.
	mu     sync.RWMutex
	closed bool
}

// errClosed is add's error once the server is shutting down.
var errClosed = errors.New("consentlog: the server is shutting down")

type pending struct {
	entry   Entry
	outcome Outcome
	err     error
	done    chan struct{}
}

// newBatcher starts workers writers (1 for SQLite, which has one writer
// anyway; a few for PostgreSQL), each committing up to max documents at a
// time.
func newBatcher(store *Store, workers, max int) *batcher {
	b := &batcher{store: store, in: make(chan *pending, workers*max), max: max}
	for i := 0; i < workers; i++ {
		b.wg.Add(1)
		go b.run()
	}
	return b
}

// add stores one entry and returns what Insert did with it. It gives up
// when ctx is done (the client went away, or the server's grace ended)
// and once the batcher is closed; an entry already queued may still be
// committed, which a resend then finds "already stored".
func (b *batcher) add(ctx context.Context, e Entry) (Outcome, error) {
	p := &pending{entry: e, done: make(chan struct{})}
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return 0, errClosed
	}
	select {
	case b.in <- p:
		b.mu.RUnlock()
	case <-ctx.Done():
		b.mu.RUnlock()
		return 0, ctx.Err()
	}
	select {
	case <-p.done:
		return p.outcome, p.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// close stops the writers once every queued document is committed; an add
// after it fails with errClosed. It may be called more than once.
func (b *batcher) close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.in)
	}
	b.mu.Unlock()
	b.wg.Wait()
}

func (b *batcher) run() {
	defer b.wg.Done()
	batch := make([]*pending, 0, b.max)
	for first := range b.in {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < b.max {
			select {
			case p, ok := <-b.in:
				if !ok {
					break fill
				}
				batch = append(batch, p)
			default:
				break fill
			}
		}
		entries := make([]Entry, len(batch))
		for i, p := range batch {
			entries[i] = p.entry
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		outcomes, err := b.store.Insert(ctx, entries)
		cancel()
		for i, p := range batch {
			if err != nil {
				p.err = err
			} else {
				p.outcome = outcomes[i]
			}
			close(p.done)
		}
	}
}
