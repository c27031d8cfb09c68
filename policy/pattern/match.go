package pattern

import "unicode/utf8"

// Match reports whether the whole name matches the pattern. It runs the
// program as a Thompson NFA: every instruction is visited at most once per
// character, so the time is at most len(name) × the program's size, and
// no name, however long, can make it backtrack. An invalid UTF-8 byte is
// the character U+FFFD, as in Go's regexp.
func (m *Matcher) Match(name string) bool {
	n := len(m.prog)
	cur, next := newSet(n), newSet(n)
	stack := make([]uint32, 0, 8)
	stack = m.follow(cur, stack, 0, 0, len(name))
	for pos := 0; pos < len(name); {
		if len(cur.dense) == 0 {
			return false
		}
		r, w := utf8.DecodeRuneInString(name[pos:])
		pos += w
		next.clear()
		for _, pc := range cur.dense {
			if i := &m.prog[pc]; i.op == opChar && inSet(i.set, r) {
				stack = m.follow(next, stack, pc+1, pos, len(name))
			}
		}
		cur, next = next, cur
	}
	for _, pc := range cur.dense {
		if m.prog[pc].op == opMatch {
			return true
		}
	}
	return false
}

// follow adds pc and every instruction reachable from it without
// consuming a character to s, at position pos of a name of length end. Only
// instructions that consume or match are kept in s.dense; the others are
// marked as visited so that an empty loop such as (a*)* ends.
func (m *Matcher) follow(s *set, stack []uint32, pc uint32, pos, end int) []uint32 {
	stack = append(stack[:0], pc)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.has(pc) {
			continue
		}
		s.mark(pc)
		switch i := &m.prog[pc]; i.op {
		case opChar, opMatch:
			s.dense = append(s.dense, pc)
		case opJmp:
			stack = append(stack, i.x)
		case opSplit:
			stack = append(stack, i.y, i.x)
		case opBegin:
			if pos == 0 {
				stack = append(stack, pc+1)
			}
		case opEnd:
			if pos == end {
				stack = append(stack, pc+1)
			}
		}
	}
	return stack
}

// inSet reports whether r is in the sorted ranges lo, hi, lo, hi….
func inSet(set []rune, r rune) bool {
	for i := 0; i < len(set); i += 2 {
		if r < set[i] {
			return false
		}
		if r <= set[i+1] {
			return true
		}
	}
	return false
}

// set is a sparse set of instructions: has and mark in constant time,
// clear in constant time (a generation count) and the kept ones in order.
type set struct {
	dense []uint32
	seen  []uint32
	gen   uint32
}

func newSet(n int) *set {
	return &set{dense: make([]uint32, 0, n), seen: make([]uint32, n), gen: 1}
}

func (s *set) has(pc uint32) bool { return s.seen[pc] == s.gen }

func (s *set) mark(pc uint32) { s.seen[pc] = s.gen }

func (s *set) clear() {
	s.dense = s.dense[:0]
	s.gen++
}
