package consentlog

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter allows each client address n requests a second (burst n). The
// addresses live in memory only, as map keys, and are forgotten after a few
// idle minutes; they are never written anywhere.
type limiter struct {
	n    int
	mu   sync.Mutex
	byIP map[string]*clientLimit
	last time.Time
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	limiterIdle = 3 * time.Minute
	// limiterMax bounds the memory a flood of distinct addresses can take.
	limiterMax = 100000
)

func newLimiter(n int) *limiter {
	return &limiter{n: n, byIP: map[string]*clientLimit{}}
}

// allow reports whether the client at addr may make a request now.
func (l *limiter) allow(addr string, now time.Time) bool {
	if l == nil || l.n <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) > time.Minute || len(l.byIP) >= limiterMax {
		for k, c := range l.byIP {
			if now.Sub(c.seen) > limiterIdle || len(l.byIP) >= limiterMax {
				delete(l.byIP, k)
			}
		}
		l.last = now
	}
	c := l.byIP[addr]
	if c == nil {
		c = &clientLimit{lim: rate.NewLimiter(rate.Limit(l.n), l.n)}
		l.byIP[addr] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}
