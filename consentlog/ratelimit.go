package consentlog

import (
	"net/netip"
	"sync"
	"time"
)

// limiter allows each client n requests a second (burst n). A client is an
// IPv4 address or an IPv6 /64 (one subscriber's network: a host picks any
// address in it at will). The keys live in memory only and are never
// written anywhere.
//
// Work and memory are bounded whatever the traffic: the table is split in
// limiterShards shards, each a map plus a least-recently-used list of at
// most limiterShardCap buckets. A request touches one shard: a map lookup,
// a move to the list's front and, when the shard is full, the eviction of
// its least recently used bucket (reused in place). Nothing ever walks the
// table. An evicted bucket was idle longest; a client coming back gets a
// full bucket, which errs on the side of letting a visitor through.
type limiter struct {
	rate   float64 // tokens a second
	burst  float64
	shards [limiterShards]limiterShard
}

const (
	limiterShards = 64
	// limiterShardCap × limiterShards (131,072) buckets at most: about
	// 16 MB at worst.
	limiterShardCap = 2048
)

type limiterShard struct {
	mu      sync.Mutex
	byKey   map[netip.Addr]*bucket
	head    *bucket // most recently used
	tail    *bucket // least recently used, evicted first
	evicted uint64  // buckets evicted, for the tests' work bound
}

type bucket struct {
	key        netip.Addr
	tokens     float64
	last       int64 // unix ns of the last refill
	prev, next *bucket
}

func newLimiter(n int) *limiter {
	l := &limiter{rate: float64(n), burst: float64(n)}
	for i := range l.shards {
		l.shards[i].byKey = make(map[netip.Addr]*bucket)
	}
	return l
}

// clientKey is the bucket a client address falls in: the IPv4 address
// itself (an IPv4-mapped IPv6 address counts as IPv4), or the IPv6 /64.
func clientKey(a netip.Addr) netip.Addr {
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.Addr()
	}
	return a
}

// shardOf spreads keys over the shards (FNV-1a over the 16 bytes).
func shardOf(k netip.Addr) int {
	b := k.As16()
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h % limiterShards)
}

// allow reports whether the client at addr may make a request now.
func (l *limiter) allow(addr netip.Addr, now time.Time) bool {
	if l == nil || l.rate <= 0 {
		return true
	}
	k := clientKey(addr)
	sh := &l.shards[shardOf(k)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.take(k, now.UnixNano(), l.rate, l.burst)
}

func (sh *limiterShard) take(k netip.Addr, now int64, rate, burst float64) bool {
	b := sh.byKey[k]
	if b == nil {
		if len(sh.byKey) >= limiterShardCap {
			b = sh.tail
			sh.unlink(b)
			delete(sh.byKey, b.key)
			sh.evicted++
		} else {
			b = &bucket{}
		}
		*b = bucket{key: k, tokens: burst, last: now}
		sh.byKey[k] = b
	} else {
		sh.unlink(b)
		if dt := now - b.last; dt > 0 {
			b.tokens += float64(dt) / 1e9 * rate
			if b.tokens > burst {
				b.tokens = burst
			}
			b.last = now
		}
	}
	sh.pushFront(b)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (sh *limiterShard) unlink(b *bucket) {
	if b.prev != nil {
		b.prev.next = b.next
	} else {
		sh.head = b.next
	}
	if b.next != nil {
		b.next.prev = b.prev
	} else {
		sh.tail = b.prev
	}
	b.prev, b.next = nil, nil
}

func (sh *limiterShard) pushFront(b *bucket) {
	b.next = sh.head
	if sh.head != nil {
		sh.head.prev = b
	}
	sh.head = b
	if sh.tail == nil {
		sh.tail = b
	}
}

// size returns the buckets held and evicted so far (for the tests).
func (l *limiter) size() (held int, evicted uint64) {
	for i := range l.shards {
		sh := &l.shards[i]
		sh.mu.Lock()
		held += len(sh.byKey)
		evicted += sh.evicted
		sh.mu.Unlock()
	}
	return held, evicted
}

// originLimiter is the per-origin ceiling: at most n documents a second
// from all the clients of one listed origin together (burst n). Its keys
// are the listed origins only, so its memory is bounded by the flags.
type originLimiter struct {
	rate float64
	mu   sync.Mutex
	by   map[string]*bucket
}

func newOriginLimiter(n int, origins map[string]bool) *originLimiter {
	o := &originLimiter{rate: float64(n), by: map[string]*bucket{}}
	for k := range origins {
		o.by[k] = &bucket{tokens: float64(n)}
	}
	return o
}

func (o *originLimiter) allow(origin string, now time.Time) bool {
	if o == nil || o.rate <= 0 {
		return true
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	b := o.by[origin]
	if b == nil {
		return false
	}
	t := now.UnixNano()
	if b.last == 0 {
		b.last = t
	}
	if dt := t - b.last; dt > 0 {
		b.tokens += float64(dt) / 1e9 * o.rate
		if b.tokens > o.rate {
			b.tokens = o.rate
		}
		b.last = t
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
