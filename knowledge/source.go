package knowledge

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Source notes say where a claim of the catalogue about server behaviour can be checked, so
// the next reader does not have to take it on trust. The syntax is in
// assets/catalogue/README.md; in short, references separated by ";", each one of
//
//	seed                                   the provider's Error Resolution Framework
//	local                                  about the application's own side: no server claim
//	https://…                              a documentation page, an RFC, a public page
//	REPO REF PATH:LINES                    lines of a public repository at a tag or branch
//
// optionally followed by a note in parentheses.

// SourceAliases are the repositories a source note may name by one word.
var SourceAliases = map[string]string{
	"league":   "thephpleague/oauth2-server",
	"passport": "laravel/passport",
	"laravel":  "laravel/framework",
}

// The kinds of SourceRef.
const (
	SourceSeed  = "seed"
	SourceLocal = "local"
	SourceURL   = "url"
	SourceCode  = "code"
)

// SourceRef is one reference of a source note.
type SourceRef struct {
	Kind  string // SourceSeed, SourceLocal, SourceURL or SourceCode
	URL   string // SourceURL
	Repo  string // SourceCode: owner/name, aliases resolved
	Ref   string // SourceCode: the tag, branch or commit read
	Path  string // SourceCode: the file
	Lines string // SourceCode: "330", "182-183" or "54,86-103"
	Note  string // the text in parentheses after the reference, if any
}

var (
	linesPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+(-\d+)?(,\d+(-\d+)?)*$`) })
	repoPattern  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`) })
)

const sourceForms = `seed, local, a URL, or "REPO REF PATH:LINES" such as "league 8.5.5 src/Grant/AuthCodeGrant.php:330"`

// ParseSource reads a source note into its references, or says which part is wrong and
// what would be right.
func ParseSource(note string) ([]SourceRef, error) {
	items, err := splitSource(note)
	if err != nil {
		return nil, err
	}
	refs := make([]SourceRef, 0, len(items))
	for _, item := range items {
		r, err := parseSourceItem(item)
		if err != nil {
			return nil, fmt.Errorf("source %q: %w", item, err)
		}
		refs = append(refs, r)
	}
	return refs, nil
}

// splitSource cuts a note at the ";" that are not inside a parenthesised note.
func splitSource(note string) ([]string, error) {
	var items []string
	depth, start := 0, 0
	for i, r := range note {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("source %q: a ')' closes nothing", note)
			}
		case ';':
			if depth == 0 {
				items = append(items, note[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("source %q: a '(' is never closed", note)
	}
	items = append(items, note[start:])
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
		if items[i] == "" {
			return nil, fmt.Errorf("source %q: an empty reference (two ';' in a row, or one at the end)", note)
		}
	}
	return items, nil
}

func parseSourceItem(item string) (SourceRef, error) {
	var r SourceRef
	head := item
	if i := strings.Index(item, "("); i >= 0 {
		if !strings.HasSuffix(item, ")") {
			return r, fmt.Errorf("text after the note in parentheses; the note comes last")
		}
		head, r.Note = strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+1:len(item)-1])
	}
	switch {
	case head == SourceSeed || head == SourceLocal:
		r.Kind = head
		return r, nil
	case strings.HasPrefix(head, "https://") || strings.HasPrefix(head, "http://"):
		u, err := url.Parse(head)
		if err != nil || u.Host == "" || strings.ContainsAny(head, " \t") {
			return r, fmt.Errorf("not a usable URL")
		}
		r.Kind, r.URL = SourceURL, head
		return r, nil
	}
	f := strings.Fields(head)
	if len(f) != 3 {
		return r, fmt.Errorf("not one of %s", sourceForms)
	}
	r.Kind, r.Repo, r.Ref = SourceCode, f[0], f[1]
	if full, ok := SourceAliases[r.Repo]; ok {
		r.Repo = full
	} else if !repoPattern().MatchString(r.Repo) {
		return r, fmt.Errorf("not one of %s (%q is neither owner/name nor one of league, passport, laravel)", sourceForms, f[0])
	}
	i := strings.LastIndex(f[2], ":")
	if i <= 0 {
		return r, fmt.Errorf("%q has no line: write PATH:LINE, PATH:FROM-TO or PATH:A,B-C", f[2])
	}
	r.Path, r.Lines = f[2][:i], f[2][i+1:]
	if !linesPattern().MatchString(r.Lines) {
		return r, fmt.Errorf("lines %q: write 330, 182-183 or 54,86-103", r.Lines)
	}
	for _, span := range strings.Split(r.Lines, ",") {
		from, to, ok := strings.Cut(span, "-")
		a, _ := strconv.Atoi(from)
		b := a
		if ok {
			b, _ = strconv.Atoi(to)
		}
		if a == 0 || b < a {
			return r, fmt.Errorf("lines %q: lines count from 1 and a range runs forward", r.Lines)
		}
	}
	return r, nil
}

// sourceErrors checks the syntax of the entry's source notes, each error as "file:line: …".
// Load runs it; Builtin does not, since gencatalogue compiled only what Load accepted, and
// parsing every note again would be most of the start-up's validation.
func sourceErrors(e *Entry) []error {
	var errs []error
	check := func(line int, note string) {
		if note == "" {
			return
		}
		if _, err := ParseSource(note); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", e.file, line, err))
		}
	}
	check(e.line, e.SourceNote)
	for _, s := range e.Signals {
		check(s.line, s.SourceNote)
	}
	for _, v := range e.Vocabulary {
		check(v.line, v.SourceNote)
	}
	for _, c := range e.Causes {
		check(c.line, c.SourceNote)
		for _, s := range c.Signals {
			check(s.line, s.SourceNote)
		}
		for _, v := range c.Vocabulary {
			check(v.line, v.SourceNote)
		}
	}
	return errs
}

// QuotesServerText reports whether the signal looks for a text the other side sends (a
// hint, a description, a message, a log's text or an exception), which its source note must
// let a reader find.
func (s Signal) QuotesServerText() bool {
	for _, k := range []string{"hint", "description", "message", "text", "words", "exception"} {
		if v, ok := s.When[k]; ok && v != "!" && v != "*" {
			return true
		}
	}
	return false
}

// Unsourced lists, each as "file:line: what lacks a note", every entry, cause and
// signal quoting a server text that has no source note. Load does not insist on notes (test
// fixtures stay short); the shipped catalogue must have none, which its test and
// `go generate ./knowledge` check.
func (c *Catalogue) Unsourced() []string {
	var out []string
	add := func(e *Entry, line int, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s:%d: %s", e.file, line, fmt.Sprintf(format, args...)))
	}
	signals := func(e *Entry, owner string, sigs []Signal) {
		for _, s := range sigs {
			if s.QuotesServerText() && s.SourceNote == "" {
				add(e, s.line, "%s: a signal quoting a server text has no source", owner)
			}
		}
	}
	// Every vocabulary item quotes what a server or library says, so each needs a note.
	vocab := func(e *Entry, owner string, vs []Vocabulary) {
		for _, v := range vs {
			if v.SourceNote == "" {
				add(e, v.line, "%s: the %s vocabulary has no source", owner, v.Family)
			}
		}
	}
	for _, e := range c.Entries {
		if e.SourceNote == "" {
			add(e, e.line, "entry %s has no source for its summary", e.Code)
		}
		signals(e, "entry "+e.Code, e.Signals)
		vocab(e, "entry "+e.Code, e.Vocabulary)
		for _, cause := range e.Causes {
			if cause.SourceNote == "" {
				add(e, cause.line, "cause %s has no source", cause.ID)
			}
			signals(e, "cause "+cause.ID, cause.Signals)
			vocab(e, "cause "+cause.ID, cause.Vocabulary)
		}
	}
	return out
}
