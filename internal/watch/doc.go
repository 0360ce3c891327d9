// Package watch reads an application's log as it is written (a file that grows and is
// rotated, or a stream such as docker logs -f) and reports each OAuth error in it as it
// comes: a record at a time, a wrapped stack trace read as one record, the diagnosis the
// caller gives (diagnose's own), consecutive repeats folded into a count.
//
// Memory stays flat on an endless stream: lines and records have a size limit, and the
// only state kept between records is the record being read and the run of repeats.
package watch
