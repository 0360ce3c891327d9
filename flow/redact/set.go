package redact

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Limits of a Set.
const (
	// MinSecret is the shortest value a Set takes: scrubbing shorter ones would mangle
	// ordinary text.
	MinSecret = 6
	// CutMin is the shortest piece of a secret Scrub hides on its own: a secret cut by a
	// display limit or by a server that quotes only part of it still never shows a run of
	// this many of its characters.
	CutMin = 8
	// maxGramsPerForm bounds the index of one very long value (a megabyte "token" in a
	// hostile paste): such a value is indexed every few bytes, so its pieces are hidden from
	// a few bytes over CutMin on (form.minPiece says how many).
	maxGramsPerForm = 1024
	// maxRefsPerGram bounds the values one 8-byte run can point to: many tokens share a
	// header, and the first few say where a match starts.
	maxRefsPerGram = 8
	// maxCoreSource is the longest value whose base64 forms are indexed; longer values are
	// tokens that nobody base64-encodes again.
	maxCoreSource = 512
)

// Set holds the secrets of one session (the configured client secret and tokens, every
// secret read in a paste, secret flags) so that any text can be scrubbed of them before it
// leaves the program: a belt to go with the braces of masking at the source. It matches a
// secret raw, URL-encoded, JSON-escaped, inside base64 (an HTTP Basic header, whatever the
// client id), and cut: a piece of CutMin or more characters of a secret that reads like a
// generated one (see Cuttable). A Set is safe for concurrent use; its zero value is empty
// and ready, and a nil *Set scrubs nothing.
type Set struct {
	mu     sync.RWMutex
	values []string
	known  map[string]bool // values and forms already registered
	forms  []form
	exact  []int32          // forms matched whole only
	heads  map[uint64]int32 // an 8-byte run of a form -> its first gramRef
	refs   []gramRef        // chains of places an 8-byte run stands in the forms
	bloom  [1 << 10]uint64  // one bit per 16-bit hash of an indexed run, to skip most lookups
}

// form is one way a secret can stand in text.
type form struct {
	text     string
	mask     string // what a whole match becomes; "" means the mask of the base64 run
	cut      bool   // pieces of minPiece bytes or more are hidden too
	minPiece int
	b64      bool // a match grows to the base64 run around it
	public   int  // the form starts with this many bytes every such value has (see publicPrefix)
}

type gramRef struct {
	form, off, next int32
}

// Add registers secrets. Values shorter than MinSecret bytes (after trimming spaces) are
// ignored; so is a value already known.
func (s *Set) Add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		s.add(v)
	}
}

// AddBasic registers a client secret together with the HTTP Basic credentials it makes with
// the client id: base64 of "id:secret", raw and with both parts form-encoded first, as
// RFC 6749 asks and some clients do.
func (s *Set) AddBasic(id, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(secret)
	if len(strings.TrimSpace(secret)) < MinSecret {
		return
	}
	for _, pair := range []string{id + ":" + secret, url.QueryEscape(id) + ":" + url.QueryEscape(secret)} {
		s.addForm(base64.StdEncoding.EncodeToString([]byte(pair)), "", true, true)
	}
}

// Values returns the secrets registered, raw, in the order they were added.
func (s *Set) Values() []string {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.values)
}

// Len says how many secrets the set holds.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.values)
}

func (s *Set) add(v string) {
	v = strings.TrimSpace(v)
	if len(v) < MinSecret || s.known["\x00"+v] {
		return
	}
	if s.known == nil {
		s.known = map[string]bool{}
	}
	s.known["\x00"+v] = true
	s.values = append(s.values, v)
	mask := Mask(v)
	cut := Cuttable(v)
	for _, t := range encodings(v) {
		s.addForm(t, mask, cut, false)
	}
	if n := publicPrefix(v); n > 0 {
		for i := range s.forms {
			if f := &s.forms[i]; strings.HasPrefix(f.text, v[:n]) && f.mask == mask {
				f.public = n
			}
		}
	}
	if cut && len(v) <= maxCoreSource {
		for _, c := range base64Cores(v) {
			s.addForm(c, "", true, true)
		}
	}
}

func (s *Set) addForm(t, mask string, cut, b64 bool) {
	if len(t) < MinSecret || s.known[t] {
		return
	}
	if s.known == nil {
		s.known = map[string]bool{}
	}
	s.known[t] = true
	fi := int32(len(s.forms))
	f := form{text: t, mask: mask, cut: cut && len(t) >= CutMin, b64: b64}
	if !f.cut {
		s.forms = append(s.forms, f)
		s.exact = append(s.exact, fi)
		return
	}
	stride := (len(t)-CutMin)/maxGramsPerForm + 1
	f.minPiece = CutMin + stride - 1
	s.forms = append(s.forms, f)
	if s.heads == nil {
		s.heads = map[uint64]int32{}
	}
	for off := 0; off+CutMin <= len(t); off += stride {
		s.index(gram(t, off), fi, int32(off))
	}
}

func (s *Set) index(k uint64, fi, off int32) {
	head, ok := s.heads[k]
	if !ok {
		head = -1
	}
	n := 0
	for j := head; j >= 0; j = s.refs[j].next {
		if n++; n >= maxRefsPerGram {
			return
		}
	}
	s.refs = append(s.refs, gramRef{form: fi, off: off, next: head})
	s.heads[k] = int32(len(s.refs) - 1)
	h := bloomHash(k)
	s.bloom[h>>6] |= 1 << (h & 63)
}

// gram reads the 8 bytes of t at off as one number.
func gram(t string, off int) uint64 {
	_ = t[off+7]
	return uint64(t[off]) | uint64(t[off+1])<<8 | uint64(t[off+2])<<16 | uint64(t[off+3])<<24 |
		uint64(t[off+4])<<32 | uint64(t[off+5])<<40 | uint64(t[off+6])<<48 | uint64(t[off+7])<<56
}

func bloomHash(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 48 }

// publicPrefix is how many leading bytes of v every value of its kind starts with, so that
// a piece of them alone says nothing: Passport's encrypted values all begin def50200, and a
// JWT's header (up to its first dot) names only the algorithm. Messages quote both.
func publicPrefix(v string) int {
	switch {
	case strings.HasPrefix(v, "def50200"):
		return len("def50200")
	case strings.HasPrefix(v, "eyJ"):
		if dot := strings.IndexByte(v, '.'); dot > 0 {
			return dot
		}
	}
	return 0
}

// Cuttable reports whether pieces of v may be hidden on their own: v is at least CutMin bytes
// and mixes at least two of lower-case letters, upper-case letters and digits, as generated
// secrets do. A secret of one kind of character (an English word, an error code a paste put
// where a code goes) is hidden only whole, so ordinary words around it stay readable.
func Cuttable(v string) bool {
	if len(v) < CutMin {
		return false
	}
	var lower, upper, digit bool
	for i := 0; i < len(v); i++ {
		c := v[i]
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
		digit = digit || c >= '0' && c <= '9'
	}
	n := 0
	for _, b := range []bool{lower, upper, digit} {
		if b {
			n++
		}
	}
	return n >= 2
}

// hit is a stretch of text to replace.
type hit struct {
	start, end int
	mask       string
}

// Scrub replaces every registered secret in text, in any of its forms, with a mask.
func (s *Set) Scrub(text string) string {
	if s == nil || len(text) < MinSecret {
		return text
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.forms) == 0 {
		return text
	}
	var hits []hit
	for _, fi := range s.exact {
		f := &s.forms[fi]
		for from := 0; ; {
			i := strings.Index(text[from:], f.text)
			if i < 0 {
				break
			}
			i += from
			hits = append(hits, hit{i, i + len(f.text), f.mask})
			from = i + len(f.text)
		}
	}
	if len(s.refs) > 0 {
		hits = s.pieces(text, hits)
	}
	if len(hits) == 0 {
		return text
	}
	return replace(text, hits)
}

// ScrubJSON is Scrub; it stays for callers written when JSON needed its own pass. Scrub
// matches the JSON-escaped form of every secret itself.
func (s *Set) ScrubJSON(text string) string { return s.Scrub(text) }

// pieces finds every run of CutMin bytes of text that stands in a cuttable form and grows
// it to the whole stretch the form and the text share.
func (s *Set) pieces(text string, hits []hit) []hit {
	for i := 0; i+CutMin <= len(text); i++ {
		k := gram(text, i)
		if h := bloomHash(k); s.bloom[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		head, ok := s.heads[k]
		if !ok {
			continue
		}
		end := -1
		for j := head; j >= 0; j = s.refs[j].next {
			r := s.refs[j]
			f := &s.forms[r.form]
			off := int(r.off)
			l := 0
			for l < off && l < i && text[i-l-1] == f.text[off-l-1] {
				l++
			}
			e := CutMin
			for off+e < len(f.text) && i+e < len(text) && text[i+e] == f.text[off+e] {
				e++
			}
			start, stop := i-l, i+e
			whole := l == off && off+e == len(f.text)
			if !whole && (stop-start < f.minPiece || off+e <= f.public) {
				continue
			}
			mask := f.mask
			if f.b64 {
				start, stop = base64Run(text, start, stop)
				mask = Mask(text[start:stop])
			} else if !whole {
				mask = pieceMask(text[start:stop])
			}
			hits = append(hits, hit{start, stop, mask})
			end = max(end, stop)
		}
		if end > i+CutMin {
			// Go on from the last run that still ends inside this match: another secret
			// may start there.
			i = end - CutMin
		}
	}
	return hits
}

// base64Run widens [start, stop) to the run of base64 characters (and its padding) around it.
func base64Run(text string, start, stop int) (int, int) {
	for start > 0 && isBase64Byte(text[start-1]) {
		start--
	}
	for stop < len(text) && isBase64Byte(text[stop]) {
		stop++
	}
	for n := 0; n < 2 && stop < len(text) && text[stop] == '='; n++ {
		stop++
	}
	return start, stop
}

func isBase64Byte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_'
}

// pieceMask stands for part of a secret: its length only, no prefix.
func pieceMask(p string) string { return lengthMask(p) }

// replace writes text with each stretch of hits masked; overlapping stretches become one.
func replace(text string, hits []hit) string {
	slices.SortFunc(hits, func(a, b hit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var b strings.Builder
	b.Grow(len(text))
	done := 0
	for i := 0; i < len(hits); {
		start, end, mask := hits[i].start, hits[i].end, hits[i].mask
		same := true
		j := i + 1
		for ; j < len(hits) && hits[j].start < end; j++ {
			if hits[j].end > end {
				end = hits[j].end
				same = same && hits[j].mask == mask
			}
		}
		if !same {
			mask = lengthMask(text[start:end])
		}
		b.WriteString(text[done:start])
		b.WriteString(mask)
		done = end
		i = j
	}
	b.WriteString(text[done:])
	return b.String()
}
