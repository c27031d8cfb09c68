package pattern

import (
	"sync"
	"unicode/utf8"
)

// maxStates bounds the cached automaton of one pattern; when it is full
// the cache starts again from the current state, so memory stays bounded
// and time stays linear (each character then costs at most one NFA step).
const maxStates = 64

// dfa is a Matcher's lazily built deterministic automaton: each state is a
// set of the NFA's instructions, each transition on an ASCII character is
// computed once, on first use, and then costs one table look-up.
type dfa struct {
	mu     sync.Mutex
	states []*dstate
	index  map[string]int32
	start  int32
	// scratch is the set a step fills; key the buffer of a state's key.
	scratch *set
	stack   []uint32
	key     []byte
}

// dstate is one state of the automaton.
type dstate struct {
	// insts are the NFA instructions it stands for.
	insts []uint32
	// next holds, per ASCII character, 1 + the next state's index, 0 when
	// not computed yet.
	next [utf8.RuneSelf]int32
	// final: a name ending here matches; dead: no name going on from here
	// can match.
	final, dead bool
}

// Match reports whether the whole name matches the pattern. It runs the
// program as an automaton built lazily from its Thompson NFA: no name,
// however long, can make it backtrack; a character costs one table
// look-up once seen, at most one NFA step (len(program)) otherwise. An
// invalid UTF-8 byte is the character U+FFFD, as in Go's regexp.
func (m *Matcher) Match(name string) bool {
	d := &m.dfa
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.states == nil {
		d.scratch = newSet(len(m.prog))
		d.restart(m)
	}
	if name == "" {
		// The start state's $ waits with ^ already behind: decide here.
		d.scratch.clear()
		d.stack = m.follow(d.scratch, d.stack, 0, true, true)
		for _, pc := range d.scratch.dense {
			if m.prog[pc].op == opMatch {
				return true
			}
		}
		return false
	}
	s := d.start
	for pos := 0; pos < len(name); {
		st := d.states[s]
		if st.dead {
			return false
		}
		c := name[pos]
		if c < utf8.RuneSelf {
			if n := st.next[c]; n != 0 {
				s = n - 1
				pos++
				continue
			}
			s = d.step(m, s, rune(c))
			pos++
			continue
		}
		r, w := utf8.DecodeRuneInString(name[pos:])
		s = d.step(m, s, r)
		pos += w
	}
	return d.states[s].final
}

// restart empties the cache and adds the start state: the closure of the
// first instruction at the name's start.
func (d *dfa) restart(m *Matcher) {
	d.states = d.states[:0]
	d.index = map[string]int32{}
	d.scratch.clear()
	d.stack = m.follow(d.scratch, d.stack, 0, true, false)
	d.start = d.add(m, d.scratch.dense)
}

// step returns the state after state s on character r, and remembers it
// for an ASCII r. A full cache starts again; s is then gone, the new state
// is not.
func (d *dfa) step(m *Matcher, s int32, r rune) int32 {
	d.scratch.clear()
	for _, pc := range d.states[s].insts {
		if i := &m.prog[pc]; i.op == opChar && inSet(i.set, r) {
			d.stack = m.follow(d.scratch, d.stack, pc+1, false, false)
		}
	}
	key := d.keyOf(d.scratch.dense)
	if n, ok := d.index[string(key)]; ok {
		d.remember(s, r, n)
		return n
	}
	if len(d.states) >= maxStates {
		insts := append([]uint32(nil), d.scratch.dense...)
		d.restart(m)
		return d.add(m, insts)
	}
	n := d.add(m, d.scratch.dense)
	d.remember(s, r, n)
	return n
}

func (d *dfa) remember(s int32, r rune, n int32) {
	if r < utf8.RuneSelf {
		d.states[s].next[r] = n + 1
	}
}

// keyOf writes the sorted instructions of a set as the cache's key.
func (d *dfa) keyOf(insts []uint32) []byte {
	sorted := append([]uint32(nil), insts...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j] < sorted[j-1]; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	d.key = d.key[:0]
	for _, pc := range sorted {
		d.key = append(d.key, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
	}
	return d.key
}

// add adds the state for a set of instructions (an existing one when the
// cache has it) and returns its index.
func (d *dfa) add(m *Matcher, insts []uint32) int32 {
	key := d.keyOf(insts)
	if n, ok := d.index[string(key)]; ok {
		return n
	}
	st := &dstate{insts: append([]uint32(nil), insts...)}
	st.dead = true
	end := newSet(len(m.prog))
	for _, pc := range st.insts {
		switch m.prog[pc].op {
		case opChar:
			st.dead = false
		case opMatch:
			st.final = true
		case opEnd:
			// A $ waiting for the end: matches if the name ends here.
			end.clear()
			d.stack = m.follow(end, d.stack, pc+1, false, true)
			for _, e := range end.dense {
				if m.prog[e].op == opMatch {
					st.final = true
				}
			}
		}
	}
	if st.final {
		st.dead = false
	}
	n := int32(len(d.states))
	d.states = append(d.states, st)
	d.index[string(key)] = n
	return n
}
