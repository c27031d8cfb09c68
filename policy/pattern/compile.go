package pattern

// An inst is one instruction of a compiled pattern.
type inst struct {
	op op
	// x and y are the targets of opSplit (both) and opJmp (x).
	x, y uint32
	// set is opChar's ranges lo, hi, lo, hi….
	set []rune
}

type op uint8

const (
	opChar  op = iota // consume a character of set, go on at the next
	opSplit           // go on at both x and y
	opJmp             // go on at x
	opBegin           // only at the name's start
	opEnd             // only at the name's end
	opMatch           // the whole name matched
)

// A Matcher matches whole names against one compiled pattern. It is safe
// for use by several goroutines at once.
type Matcher struct {
	prog []inst
	dfa  dfa
}

// Compile checks a pattern against the dialect (see Check) and compiles it
// for Match. A pattern whose counted repetitions would make the program
// larger than MaxProgram is refused with the place of the largest one.
func Compile(s string) (*Matcher, error) {
	n, err := parse(s)
	if err != nil {
		return nil, err
	}
	if size(n)+1 > MaxProgram {
		return nil, tooLarge(s, n)
	}
	c := &compiler{prog: make([]inst, 0, size(n)+1)}
	c.emit(n)
	c.prog = append(c.prog, inst{op: opMatch})
	return &Matcher{prog: c.prog}, nil
}

// size is the number of instructions n compiles to.
func size(n *node) int {
	switch n.kind {
	case kindConcat:
		total := 0
		for _, s := range n.subs {
			total += size(s)
			if total > MaxProgram {
				return total
			}
		}
		return total
	case kindAlt:
		total := 2 * (len(n.subs) - 1)
		for _, s := range n.subs {
			total += size(s)
			if total > MaxProgram {
				return total
			}
		}
		return total
	case kindRepeat:
		sub := size(n.subs[0])
		if sub > MaxProgram {
			return sub
		}
		switch {
		case n.max < 0 && n.min == 0:
			return sub + 2
		case n.max < 0:
			return n.min*sub + 1
		default:
			return n.min*sub + (n.max-n.min)*(sub+1)
		}
	}
	return 1
}

// tooLarge is the error for a program above MaxProgram: it names the
// repetition that copies the most.
func tooLarge(src string, root *node) error {
	var worst *node
	most := -1
	var walk func(n *node)
	walk = func(n *node) {
		if n.kind == kindRepeat && n.max != 1 {
			if s := size(n); s > most {
				worst, most = n, s
			}
		}
		for _, s := range n.subs {
			walk(s)
		}
	}
	walk(root)
	at := 0
	if worst != nil {
		at = worst.at
	}
	return Error(place(src, at) + "the pattern is too large: its counted repetitions copy what they repeat to more than " +
		itoa(MaxProgram) + " steps (a{n,m} is m copies of a); write it smaller, with smaller counts, * or + instead of a large count, or a shorter part to repeat")
}

// compiler emits a node's instructions.
type compiler struct {
	prog []inst
}

func (c *compiler) pc() uint32 { return uint32(len(c.prog)) }

// add appends an instruction and returns its address. Not inlined, to
// keep the wasm small.
//
//go:noinline
func (c *compiler) add(i inst) uint32 {
	c.prog = append(c.prog, i)
	return uint32(len(c.prog) - 1)
}

func (c *compiler) emit(n *node) {
	switch n.kind {
	case kindChar:
		c.add(inst{op: opChar, set: n.set})
	case kindBegin:
		c.add(inst{op: opBegin})
	case kindEnd:
		c.add(inst{op: opEnd})
	case kindConcat:
		for _, s := range n.subs {
			c.emit(s)
		}
	case kindAlt:
		// split L1, next; L1: a; jmp end; next: split L2, next2; … last
		var jumps []uint32
		for i, s := range n.subs {
			if i == len(n.subs)-1 {
				c.emit(s)
				break
			}
			split := c.add(inst{op: opSplit})
			c.prog[split].x = c.pc()
			c.emit(s)
			jumps = append(jumps, c.add(inst{op: opJmp}))
			c.prog[split].y = c.pc()
		}
		for _, j := range jumps {
			c.prog[j].x = c.pc()
		}
	case kindRepeat:
		sub := n.subs[0]
		for i := 0; i < n.min-1; i++ {
			c.emit(sub)
		}
		switch {
		case n.max < 0 && n.min == 0:
			// L: split body, end; body; jmp L
			split := c.add(inst{op: opSplit})
			c.prog[split].x = c.pc()
			c.emit(sub)
			c.add(inst{op: opJmp, x: split})
			c.prog[split].y = c.pc()
		case n.max < 0:
			// L: body; split L, end
			start := c.pc()
			c.emit(sub)
			c.add(inst{op: opSplit, x: start, y: c.pc() + 1})
		default:
			if n.min > 0 {
				c.emit(sub)
			}
			// (body (body …)?)? as a chain of optional copies that all
			// skip to the end.
			var splits []uint32
			for i := n.min; i < n.max; i++ {
				split := c.add(inst{op: opSplit})
				c.prog[split].x = c.pc()
				splits = append(splits, split)
				c.emit(sub)
			}
			for _, s := range splits {
				c.prog[s].y = c.pc()
			}
		}
	}
}
