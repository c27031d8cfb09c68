// Command loadtest measures the consent log (`consent log serve`) on this
// machine, over loopback, for SQLite and PostgreSQL (`make loadtest`):
//
//   - throughput: many concurrent browsers post realistic proof documents
//     for -duration; it prints acknowledged records/s, p50/p99 latency and
//     the rows counted after, and checks that every acknowledged record is
//     stored;
//   - addresses: the same with the rate limiter on, after 200,000
//     distinct clients (IPv4 addresses and IPv6 /64s, named by
//     X-Forwarded-For to a server started with --trust-proxy 127.0.0.1)
//     have filled its table, each request from the next client;
//   - after each phase, the hash chain is verified (consent log verify);
//   - crash: kill -9 of the server in the middle of a load, a restart, and
//     a count: every record that got a 2xx must be in the database;
//   - hostile input: malformed, huge, wrongly typed, from a wrong origin,
//     a conflicting document (409), a timestamp a day ahead (400),
//     a flood from one address; each must get its status and the server
//     must stay up.
//
// It exits 1 when a record was lost or a hostile request got a wrong
// answer. PostgreSQL is a throwaway server (internal/pgtest).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/consentwasm/consent/consentlog"
	"github.com/consentwasm/consent/internal/pgtest"
	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

const origin = "https://shop.example"

func main() {
	bin := flag.String("consent", ".bin/consent", "the consent binary (go build -o .bin/consent ./cmd/consent)")
	duration := flag.Duration("duration", 60*time.Second, "how long the throughput phase posts")
	workers := flag.Int("workers", 64, "concurrent clients")
	backends := flag.String("backends", "sqlite,postgres", "which databases to measure")
	flag.Parse()
	dir, err := os.MkdirTemp("", "consent-loadtest-")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(dir)
	ok := true
	for _, b := range strings.Split(*backends, ",") {
		var dsn func(name string) string
		switch b {
		case "sqlite":
			dsn = func(name string) string { return filepath.Join(dir, name+".db") }
		case "postgres":
			pg, err := pgtest.Start()
			if err != nil {
				fatal(err)
			}
			defer pg.Stop()
			dsn = func(name string) string {
				d, err := pg.CreateDatabase(name)
				if err != nil {
					fatal(err)
				}
				return d
			}
		default:
			fatal(fmt.Errorf("unknown backend %q", b))
		}
		fmt.Printf("== %s\n", b)
		ok = throughput(*bin, dsn("throughput"), *duration, *workers) && ok
		ok = addresses(*bin, dsn("addresses"), *duration, *workers) && ok
		ok = crash(*bin, dsn("crash"), *workers) && ok
		ok = hostile(*bin, dsn("hostile")) && ok
	}
	if !ok {
		fmt.Println("FAILED")
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "loadtest:", err)
	os.Exit(1)
}

// server is a `consent log serve` child process.
type server struct {
	cmd  *exec.Cmd
	addr string
	done chan error
}

func start(bin, dsn, addr string, rateLimit int, extra ...string) *server {
	if addr == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fatal(err)
		}
		addr = ln.Addr().String()
		ln.Close()
	}
	args := append([]string{"log", "serve", "--db", dsn, "--addr", addr, "--origin", origin,
		"--rate-limit", strconv.Itoa(rateLimit), "--origin-rate-limit", "0", "--log-level", "error"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fatal(err)
	}
	s := &server{cmd: cmd, addr: addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			fatal(fmt.Errorf("the server on %s did not become healthy: %v", addr, err))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-s.done; err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: the server exited with", err)
	}
}

func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// demo is a policy shaped like a real site's: 5 categories, 14 services.
func demo() *policy.Policy {
	p := &policy.Policy{Revision: 7}
	for _, c := range []string{"necessary", "functional", "statistics", "marketing", "media"} {
		p.Categories = append(p.Categories, policy.Category{ID: c, Required: c == "necessary"})
	}
	for i, s := range []string{"session", "csrf", "language", "chat", "matomo", "google-analytics", "hotjar",
		"google-ads", "meta-pixel", "linkedin", "youtube", "vimeo", "openstreetmap", "spotify"} {
		cat := []string{"necessary", "necessary", "functional", "functional", "statistics", "statistics", "statistics",
			"marketing", "marketing", "marketing", "media", "media", "media", "media"}[i]
		p.Services = append(p.Services, policy.Service{ID: s, Category: cat})
	}
	return p
}

var (
	demoPolicy = demo()
	demoSHA    = proof.SHA256Hex([]byte("a policy file of a few kilobytes"))
	methods    = []string{policy.MethodAcceptAll, policy.MethodRejectAll, policy.MethodCustom, policy.MethodAPI, policy.MethodGPC}
	paths      = []string{"/", "/shop/", "/shop/shoes/red-sneakers", "/blog/2026/11/a-long-article-title", "/de/kontakt"}
)

// document returns a realistic document: a random visitor's choice.
func document(r *rand.Rand, id string, ts int64) []byte {
	m := methods[r.IntN(len(methods))]
	ch := policy.AcceptAllChoice(demoPolicy)
	switch m {
	case policy.MethodRejectAll, policy.MethodGPC:
		ch = policy.RejectAllChoice(demoPolicy)
	case policy.MethodCustom, policy.MethodAPI:
		for k := range ch.Categories {
			ch.Categories[k] = r.IntN(2) == 0
		}
		ch.Services = map[string]bool{}
	}
	rec := policy.NewRecord(demoPolicy, nil, ch, m, id, time.UnixMilli(ts))
	return []byte(proof.Document(demoPolicy, rec, demoSHA, proof.Page{
		Origin: origin, Path: paths[r.IntN(len(paths))], Language: []string{"en", "de", "fr"}[r.IntN(3)], GPC: m == policy.MethodGPC}))
}

func newClient(workers int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: workers, MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers, IdleConnTimeout: time.Minute}}
}

func post(c *http.Client, addr string, body []byte, hdr map[string]string) (int, error) {
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/consents", bytes.NewReader(body))
	req.Header.Set("Origin", origin)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// load posts from workers clients until stop is closed; every document
// acknowledged (2xx) is recorded in acked (key id.timestamp).
type result struct {
	mu      sync.Mutex
	acked   map[string]bool
	lat     []time.Duration
	other   map[string]int
	started time.Time
	ended   time.Time
}

func load(addr string, workers int, stop <-chan struct{}, hdr func(n int64) map[string]string) *result {
	res := &result{acked: map[string]bool{}, other: map[string]int{}, started: time.Now()}
	c := newClient(workers)
	var seq atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			var lat []time.Duration
			acked := []string{}
			for {
				select {
				case <-stop:
					res.mu.Lock()
					res.lat = append(res.lat, lat...)
					for _, k := range acked {
						res.acked[k] = true
					}
					res.mu.Unlock()
					return
				default:
				}
				n := seq.Add(1)
				id := "lt" + strconv.FormatInt(n, 36) + "w" + strconv.Itoa(w)
				ts := time.Now().UnixMilli()
				body := document(r, id, ts)
				t0 := time.Now()
				var h map[string]string
				if hdr != nil {
					h = hdr(n)
				}
				status, err := post(c, addr, body, h)
				d := time.Since(t0)
				if err == nil && status/100 == 2 {
					lat = append(lat, d)
					acked = append(acked, id+"."+strconv.FormatInt(ts, 10))
					continue
				}
				key := "error"
				if err == nil {
					key = strconv.Itoa(status)
				}
				res.mu.Lock()
				res.other[key]++
				res.mu.Unlock()
				if err != nil {
					time.Sleep(10 * time.Millisecond)
				}
			}
		}(w)
	}
	<-stop
	wg.Wait()
	res.ended = time.Now()
	return res
}

// stored returns the keys of every stored document.
func stored(dsn string) (map[string]bool, error) {
	st, err := consentlog.Open(context.Background(), dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	keys := map[string]bool{}
	err = st.Export(context.Background(), 0, func(e consentlog.Entry) error {
		keys[e.Doc.ConsentID+"."+strconv.FormatInt(e.Doc.Timestamp, 10)] = true
		return nil
	})
	return keys, err
}

func missing(acked, rows map[string]bool) int {
	n := 0
	for k := range acked {
		if !rows[k] {
			n++
		}
	}
	return n
}

func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[min(len(lat)-1, int(float64(len(lat))*p))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func throughput(bin, dsn string, duration time.Duration, workers int) bool {
	s := start(bin, dsn, "", 0)
	stop := make(chan struct{})
	time.AfterFunc(duration, func() { close(stop) })
	res := load(s.addr, workers, stop, nil)
	s.stop()
	rows, err := stored(dsn)
	if err != nil {
		fatal(err)
	}
	secs := res.ended.Sub(res.started).Seconds()
	lost := missing(res.acked, rows)
	chainOK := chain(dsn, "throughput")
	fmt.Printf("throughput: %d workers for %v: %d acknowledged = %.0f records/s; p50 %s, p99 %s; other answers %v; rows after %d; acknowledged but missing %d\n",
		workers, duration, len(res.acked), float64(len(res.acked))/secs, ms(pct(res.lat, 0.50)), ms(pct(res.lat, 0.99)), res.other, len(rows), lost)
	return lost == 0 && chainOK
}

// chain runs verify on the database and prints what it found.
func chain(dsn, phase string) bool {
	st, err := consentlog.Open(context.Background(), dsn)
	if err != nil {
		fatal(err)
	}
	defer st.Close()
	reps, err := st.Verify(context.Background(), nil)
	if err != nil {
		fatal(err)
	}
	ok := true
	for _, r := range reps {
		if r.Problem != "" {
			ok = false
			fmt.Printf("%s: chain of %s BROKEN: %s\n", phase, r.Origin, r.Problem)
		} else {
			fmt.Printf("%s: chain of %s verified: %d records, head seq %d\n", phase, r.Origin, r.Records, r.Head.Seq)
		}
	}
	return ok
}

// clientAddr is the n-th of 200,000 distinct client addresses, half IPv4
// and half IPv6 (each in its own /64), sent as X-Forwarded-For to a
// server that trusts 127.0.0.1.
func clientAddr(n int64) string {
	i := n % distinctClients
	if i%2 == 0 {
		return fmt.Sprintf("10.%d.%d.%d", byte(i>>16), byte(i>>8), byte(i))
	}
	return fmt.Sprintf("2001:db8:%x:%x::1", uint16(i>>16), uint16(i))
}

const distinctClients = 200000

// addresses measures throughput with the rate limiter on (--rate-limit 20)
// after 200,000 distinct clients have filled its table: every request
// comes from the next client in turn, through --trust-proxy 127.0.0.1.
func addresses(bin, dsn string, duration time.Duration, workers int) bool {
	s := start(bin, dsn, "", 20, "--trust-proxy", "127.0.0.1")
	// Warm up: one /healthz from each of the 200,000 clients.
	c := newClient(workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	t0 := time.Now()
	var refused atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := next.Add(1) - 1
				if n >= distinctClients {
					return
				}
				req, _ := http.NewRequest(http.MethodGet, "http://"+s.addr+"/healthz", nil)
				req.Header.Set("X-Forwarded-For", clientAddr(n))
				resp, err := c.Do(req)
				if err != nil || resp.StatusCode != 200 {
					refused.Add(1)
				}
				if resp != nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("addresses: %d distinct clients (IPv4 and IPv6 /64s) sent /healthz in %.1f s (%.0f/s), %d not 200\n",
		distinctClients, time.Since(t0).Seconds(), distinctClients/time.Since(t0).Seconds(), refused.Load())
	stop := make(chan struct{})
	time.AfterFunc(duration, func() { close(stop) })
	res := load(s.addr, workers, stop, func(n int64) map[string]string {
		return map[string]string{"X-Forwarded-For": clientAddr(n)}
	})
	s.stop()
	rows, err := stored(dsn)
	if err != nil {
		fatal(err)
	}
	secs := res.ended.Sub(res.started).Seconds()
	lost := missing(res.acked, rows)
	fmt.Printf("addresses: %d workers for %v from rotating clients: %d acknowledged = %.0f records/s; p50 %s, p99 %s; other answers %v; acknowledged but missing %d\n",
		workers, duration, len(res.acked), float64(len(res.acked))/secs, ms(pct(res.lat, 0.50)), ms(pct(res.lat, 0.99)), res.other, lost)
	return lost == 0 && refused.Load() == 0 && chain(dsn, "addresses")
}

func crash(bin, dsn string, workers int) bool {
	s := start(bin, dsn, "", 0)
	stop := make(chan struct{})
	done := make(chan *result)
	go func() { done <- load(s.addr, workers, stop, nil) }()
	time.Sleep(5 * time.Second)
	s.kill() // kill -9 in the middle of the load
	time.Sleep(200 * time.Millisecond)
	close(stop)
	res := <-done
	s2 := start(bin, dsn, s.addr, 0)
	s2.stop()
	rows, err := stored(dsn)
	if err != nil {
		fatal(err)
	}
	lost := missing(res.acked, rows)
	fmt.Printf("crash: kill -9 after 5 s under load: %d acknowledged before the kill, %d rows after the restart, acknowledged but missing %d (failed requests: %v)\n",
		len(res.acked), len(rows), lost, res.other)
	return chain(dsn, "crash") && lost == 0
}

func hostile(bin, dsn string) bool {
	s := start(bin, dsn, "", 20)
	defer s.stop()
	c := newClient(4)
	r := rand.New(rand.NewPCG(1, 2))
	good := document(r, "hostile", time.Now().UnixMilli())
	huge := bytes.Repeat([]byte("x"), 1<<20)
	cases := []struct {
		name string
		body []byte
		hdr  map[string]string
		want int
	}{
		{"malformed JSON", []byte(`{"version":1,"record":`), nil, 400},
		{"not an object", []byte(`[1,2,3]`), nil, 400},
		{"wrong types", bytes.Replace(good, []byte(`"gpc":false`), []byte(`"gpc":"false"`), 1), nil, 400},
		{"unknown field", bytes.Replace(good, []byte(`"gpc":`), []byte(`"email":"a@b.example","gpc":`), 1), nil, 400},
		{"huge (1 MB)", huge, nil, 413},
		{"wrong origin", good, map[string]string{"Origin": "https://evil.example"}, 403},
		{"good", good, nil, 201},
		{"the same again", good, nil, 200},
		{"conflicting", bytes.Replace(good, []byte(`"language":"`), []byte(`"language":"x`), 1), nil, 409},
		{"a day ahead", document(r, "ahead", time.Now().Add(25*time.Hour).UnixMilli()), nil, 400},
	}
	ok := true
	for _, tc := range cases {
		status, err := post(c, s.addr, tc.body, tc.hdr)
		if err != nil || status != tc.want {
			ok = false
		}
		fmt.Printf("hostile: %-14s -> %d (want %d) %v\n", tc.name, status, tc.want, errOrEmpty(err))
		time.Sleep(100 * time.Millisecond) // stay under the rate limit
	}
	// A flood from one address: over the limit, 429.
	codes := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	fc := newClient(32)
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				status, _ := post(fc, s.addr, document(rand.New(rand.NewPCG(uint64(w), uint64(i))), "flood"+strconv.Itoa(w), int64(1764600000000+i)), nil)
				mu.Lock()
				codes[status]++
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	// /healthz counts against the same address's limit: let its bucket
	// refill, then the server must answer.
	time.Sleep(1100 * time.Millisecond)
	resp, err := http.Get("http://" + s.addr + "/healthz")
	up := err == nil && resp.StatusCode == 200
	if resp != nil {
		resp.Body.Close()
	}
	fmt.Printf("hostile: flood of 3200 from one address at --rate-limit 20 -> %v; /healthz after: %v\n", codes, up)
	return ok && up && codes[429] > 3000 && codes[0] == 0
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return err.Error()
}
