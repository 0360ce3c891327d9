package redact

import "io"

// Writer passes text on to W with its controls filtered (Printable) and every secret of
// Secrets masked, for output that is written as it happens (a request log, the sign-in
// steps of an end-to-end check). Each Write is scrubbed on its own, so write whole lines: a
// secret split between two writes is not recognised.
type Writer struct {
	W       io.Writer
	Secrets *Set
}

// Write writes p scrubbed and reports all of p as written.
func (w Writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.W, w.Secrets.Scrub(Printable(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}
