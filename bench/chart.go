package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
)

// font5x7 is a tiny bitmap font for the chart's labels (upper case,
// digits and a little punctuation), so the chart needs no font files.
var font5x7 = map[rune][7]string{
	'A': {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'B': {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."},
	'C': {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
	'D': {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."},
	'E': {"#####", "#....", "#....", "####.", "#....", "#....", "#####"},
	'F': {"#####", "#....", "#....", "####.", "#....", "#....", "#...."},
	'G': {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"},
	'H': {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'I': {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'J': {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."},
	'K': {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"},
	'L': {"#....", "#....", "#....", "#....", "#....", "#....", "#####"},
	'M': {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"},
	'N': {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"},
	'O': {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'P': {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
	'Q': {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"},
	'R': {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"},
	'S': {".####", "#....", "#....", ".###.", "....#", "....#", "####."},
	'T': {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."},
	'U': {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'V': {"#...#", "#...#", "#...#", ".#.#.", ".#.#.", "..#..", "..#.."},
	'W': {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."},
	'X': {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"},
	'Y': {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."},
	'Z': {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"},
	'0': {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."},
	'1': {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'2': {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
	'3': {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."},
	'4': {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
	'5': {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
	'6': {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."},
	'7': {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
	'8': {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
	'9': {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."},
	'.': {".....", ".....", ".....", ".....", ".....", ".##..", ".##.."},
	',': {".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."},
	'-': {".....", ".....", ".....", ".###.", ".....", ".....", "....."},
	':': {".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."},
	'(': {"...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#."},
	')': {".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#..."},
	'/': {".....", "....#", "...#.", "..#..", ".#...", "#....", "....."},
	'+': {".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."},
	'>': {".#...", "..#..", "...#.", "....#", "...#.", "..#..", ".#..."},
	'=': {".....", ".....", "#####", ".....", "#####", ".....", "....."},
}

type canvas struct{ *image.RGBA }

func (c canvas) rect(x0, y0, x1, y1 int, col color.Color) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			c.Set(x, y, col)
		}
	}
}

// text draws s at (x, y) with pixels of size scale; returns the width.
func (c canvas) text(x, y, scale int, s string, col color.Color) int {
	cx := x
	for _, r := range strings.ToUpper(s) {
		g, ok := font5x7[r]
		if ok {
			for row, line := range g {
				for i, ch := range line {
					if ch == '#' {
						c.rect(cx+i*scale, y+row*scale, cx+(i+1)*scale, y+(row+1)*scale, col)
					}
				}
			}
		}
		cx += 6 * scale
	}
	return cx - x
}

var barColors = []color.RGBA{
	{0x2f, 0x6f, 0xde, 0xff}, // ours
	{0x55, 0x55, 0x55, 0xff},
	{0x88, 0x88, 0x88, 0xff},
	{0xaa, 0xaa, 0xaa, 0xff},
	{0xc8, 0xc8, 0xc8, 0xff},
}

// writeChart draws the medians (bars) with min–max (whiskers) of the
// headline metrics.
func writeChart(name string, r *results) error {
	type panel struct {
		title, prof, key string
		scale            float64
		unit             string
	}
	var panels []panel
	for _, p := range r.Profiles {
		short := "normal speed"
		if p.Name == "slow" {
			short = "4x CPU + fast 4G"
		}
		panels = append(panels, panel{"Banner visible, " + short + " (ms)", p.Name, "bannerVisible", 1, "ms"})
	}
	for _, p := range r.Profiles {
		short := "normal speed"
		if p.Name == "slow" {
			short = "4x CPU + fast 4G"
		}
		panels = append(panels, panel{"Returning visitor, gated script ran, " + short + " (ms)", p.Name, "returnGated", 1, "ms"})
	}
	if len(r.Profiles) > 0 {
		panels = append(panels, panel{"Transferred to show the banner (KB)", r.Profiles[0].Name, "bytes", 1.0 / 1024, "KB"})
	}

	const (
		w      = 1000
		left   = 200
		right  = 150
		barH   = 18
		rowH   = 26
		titleH = 34
		gap    = 18
		pad    = 20
	)
	n := len(r.Managers)
	h := pad*2 + 30 + len(panels)*(titleH+n*rowH+gap)
	c := canvas{image.NewRGBA(image.Rect(0, 0, w, h))}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink := color.RGBA{0x1d, 0x23, 0x30, 0xff}
	c.rect(0, 0, w, h, white)
	c.text(pad, pad, 2, "Consent managers, median with min-max, lower is better", ink)
	y := pad + 30
	for _, pn := range panels {
		c.text(pad, y+10, 2, pn.title, ink)
		y += titleH
		// The scale follows the medians: an outlier's whisker is cut at
		// the edge (marked with a ">") rather than squashing every bar.
		max := 0.0
		for _, m := range r.Managers {
			if st, ok := r.stat(pn.prof, m.ID, pn.key); ok && st.Median*1.6 > max {
				max = st.Median * 1.6
			}
		}
		if max <= 0 {
			max = 1
		}
		span := float64(w - left - right)
		for i, m := range r.Managers {
			label := m.ID
			if m.ID == "ours" {
				label = "ours (wasm)"
			}
			c.text(pad, y+3, 2, label, ink)
			st, ok := r.stat(pn.prof, m.ID, pn.key)
			if ok {
				bw := int(st.Median / max * span)
				c.rect(left, y, left+bw+1, y+barH, barColors[i%len(barColors)])
				x0 := left + int(st.Min/max*span)
				x1 := left + int(math.Min(st.Max/max, 1)*span)
				c.rect(x0, y+barH/2-1, x1+1, y+barH/2+1, ink)
				c.rect(x0, y+3, x0+2, y+barH-3, ink)
				if st.Max > max {
					c.text(x1+2, y+3, 2, ">", ink)
				} else {
					c.rect(x1-1, y+3, x1+1, y+barH-3, ink)
				}
				c.text(w-right+24, y+3, 2, fmtNum(st.Median*pn.scale)+" "+pn.unit, ink)
			} else {
				c.text(left, y+3, 2, "no data", ink)
			}
			y += rowH
		}
		y += gap
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, c); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Close()
}
