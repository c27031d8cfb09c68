package pattern

import "unicode/utf8"

// normalize sorts ranges lo, hi, lo, hi… and merges the ones that overlap
// or touch.
func normalize(set []rune) []rune {
	if len(set) <= 2 {
		return set
	}
	pairs := make([][2]rune, 0, len(set)/2)
	for i := 0; i < len(set); i += 2 {
		pairs = append(pairs, [2]rune{set[i], set[i+1]})
	}
	// A class has few ranges: insertion sort.
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j][0] < pairs[j-1][0]; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	out := make([]rune, 0, len(set))
	for _, p := range pairs {
		if n := len(out); n > 0 && p[0] <= out[n-1]+1 {
			out[n-1] = max(out[n-1], p[1])
			continue
		}
		out = append(out, p[0], p[1])
	}
	return out
}

// negate is the complement of normalized ranges within every character.
func negate(set []rune) []rune {
	var out []rune
	next := rune(0)
	for i := 0; i < len(set); i += 2 {
		if set[i] > next {
			out = append(out, next, set[i]-1)
		}
		next = set[i+1] + 1
	}
	if next <= utf8.MaxRune {
		out = append(out, next, utf8.MaxRune)
	}
	return out
}
