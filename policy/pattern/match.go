package pattern

// follow adds pc and every instruction reachable from it without
// consuming a character to s, at the name's start or end or neither. Only
// instructions that consume or match, and the $ not yet at the end, are
// kept in s.dense; the others are marked as visited so that an empty loop
// such as (a*)* ends.
func (m *Matcher) follow(s *set, stack []uint32, pc uint32, atStart, atEnd bool) []uint32 {
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
			if atStart {
				stack = append(stack, pc+1)
			}
		case opEnd:
			if atEnd {
				stack = append(stack, pc+1)
			} else {
				s.dense = append(s.dense, pc)
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
