package watch

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkStream feeds an endless log through watch: each op is one cycle of five
// records (an info line, a wrapped Laravel error with its stack trace, a JSON log line, an
// access log line with an error callback, a non-OAuth exception), 17 lines, with the
// times changing so that repeats do not simply fold away. retained-B is the live heap
// after the run: it stays the same whatever b.N, which is what "flat" means here.
func BenchmarkStream(b *testing.B) {
	diagnose := diagnoseLikeCLI(b)
	var lines [][]byte
	for i := range 60 {
		cycle := strings.Join([]string{infoLine, fmt.Sprintf(wrapped, i), jsonLine, accessLine, otherError}, "\n")
		for _, l := range strings.Split(cycle, "\n") {
			lines = append(lines, []byte(l))
		}
	}
	per := len(lines) / 60
	reports := 0
	s := NewStream(diagnose, nil, fixedNow, func(Report) error { reports++; return nil })
	var bytesIn int64
	for _, l := range lines[:per] {
		bytesIn += int64(len(l) + 1)
	}
	b.SetBytes(bytesIn)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		for _, l := range lines[i*per : (i+1)*per] {
			if err := s.Line(l); err != nil {
				b.Fatal(err)
			}
		}
		i = (i + 1) % 60
	}
	_ = s.Idle()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc), "retained-B")
	if reports == 0 {
		b.Fatal("no error reported")
	}
}

// BenchmarkStreamNoise is the common case of a busy log with no OAuth in it: each op is
// one access log line and one info line, each its own record, read and found to be nothing.
func BenchmarkStreamNoise(b *testing.B) {
	s := NewStream(diagnoseLikeCLI(b), nil, fixedNow, func(Report) error { return nil })
	lines := [][]byte{[]byte(`10.0.0.7 - - [06/Dec/2026:10:00:40 +0000] "GET /dashboard?page=2 HTTP/1.1" 200 5123 "-" "Mozilla/5.0"`),
		[]byte(infoLine)}
	b.SetBytes(int64(len(lines[0]) + len(lines[1]) + 2))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if err := s.Line(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
