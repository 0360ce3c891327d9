//go:build unix

package knowledgetest

import (
	"syscall"
	"time"
)

// cpuTime is the CPU the process has used, user and system, all threads (GC included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
