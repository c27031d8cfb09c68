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
	// ins are the writers' queues, one each. An origin always goes to
	// the same writer: appends to one origin's chain take turns on its
	// head row anyway, so one writer with big batches beats several
	// waiting for each other's commits; other origins write in parallel.
	ins []chan *pending
	max int
	wg  sync.WaitGroup
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
	b := &batcher{store: store, max: max}
	for i := 0; i < workers; i++ {
		in := make(chan *pending, max)
		b.ins = append(b.ins, in)
		b.wg.Add(1)
		go b.run(in)
	}
	return b
}

// queue is the writer of e's origin.
func (b *batcher) queue(e Entry) chan *pending {
	if len(b.ins) == 1 || e.Doc == nil {
		return b.ins[0]
	}
	h := uint32(2166136261)
	for i := 0; i < len(e.Doc.Origin); i++ {
		h ^= uint32(e.Doc.Origin[i])
		h *= 16777619
	}
	return b.ins[h%uint32(len(b.ins))]
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
	case b.queue(e) <- p:
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
		for _, in := range b.ins {
			close(in)
		}
	}
	b.mu.Unlock()
	b.wg.Wait()
}

func (b *batcher) run(in chan *pending) {
	defer b.wg.Done()
	batch := make([]*pending, 0, b.max)
	for first := range in {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < b.max {
			select {
			case p, ok := <-in:
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
