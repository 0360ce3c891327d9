package knowledgetest

import "testing"

// CPULoop runs f b.N times (b.Loop) and reports the CPU it took per run as cpu-ns/op
// beside the wall-clock ns/op: on a machine shared with other work, waiting for a core
// inflates the wall clock, not the CPU.
func CPULoop(b *testing.B, f func()) {
	b.Helper()
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		f()
		n++
	}
	if used := cpuTime() - start; used > 0 && n > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}
