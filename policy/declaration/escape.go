package declaration

import "strings"

// escapeHTML escapes the five characters with a meaning in HTML text and
// attribute values.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// oneLine replaces line breaks by spaces: a Markdown table row, heading or
// paragraph must stay on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}

// EscapeMarkdown makes s literal text on one line of a Markdown table cell
// or heading: line breaks become spaces, and the characters with a
// meaning in Markdown inline text or tables get a backslash.
func EscapeMarkdown(s string) string {
	s = oneLine(s)
	if !strings.ContainsAny(s, "\\`*_[]<>&|#~") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '#', '~':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeMarkdownLine is EscapeMarkdown for a paragraph of its own: a
// leading "-", "+", "=" or "1." would otherwise start a list or a rule.
func escapeMarkdownLine(s string) string {
	s = EscapeMarkdown(strings.TrimLeft(oneLine(s), " "))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// markdownCode returns s as a Markdown code span inside a table cell: a
// backtick fence longer than any run of backticks in s, pipes escaped as
// GitHub-flavoured tables require, on one line.
func markdownCode(s string) string {
	s = strings.ReplaceAll(oneLine(s), "|", `\|`)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if s == "" || s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' && s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	return fence + s + fence
}
