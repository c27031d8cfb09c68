package consentlog

import (
	"context"
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
}

type pending struct {
	entry   Entry
	created bool
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

// add stores one entry and returns whether it was new.
func (b *batcher) add(e Entry) (bool, error) {
	p := &pending{entry: e, done: make(chan struct{})}
	b.in <- p
	<-p.done
	return p.created, p.err
}

// close stops the writers once every queued document is committed.
func (b *batcher) close() {
	close(b.in)
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
		created, err := b.store.Insert(ctx, entries)
		cancel()
		for i, p := range batch {
			if err != nil {
				p.err = err
			} else {
				p.created = created[i]
			}
			close(p.done)
		}
	}
}
