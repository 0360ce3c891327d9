package watch

import (
	"fmt"
	"strings"
	"testing"
)

type seen struct {
	event, entry string
	line, count  int
}

func brief(rs []Report) []seen {
	out := make([]seen, len(rs))
	for i, r := range rs {
		out[i] = seen{r.Event, r.Entry, r.Line, r.Count}
	}
	return out
}

// A stream of mixed records: each OAuth error gives one report however many lines it
// wraps over, a run of the same error is folded into one repeat report with its count, the
// same error after another is reported again, and records that are no OAuth error give
// nothing.
func TestMixedStreamGivesOneReportPerError(t *testing.T) {
	records := []string{infoLine, fmt.Sprintf(wrapped, 1), fmt.Sprintf(wrapped, 2), infoLine, fmt.Sprintf(wrapped, 3),
		jsonLine, jsonLine, accessLine, otherError, fmt.Sprintf(wrapped, 4)}
	text := strings.Join(records, "\n")
	got, st := collect(t, text)
	// Line numbers of each record's start.
	starts, n := []int{}, 1
	for _, r := range records {
		starts = append(starts, n)
		n += strings.Count(r, "\n") + 1
	}
	want := []seen{
		{"error", "invalid_grant", starts[1], 1},
		{"repeat", "invalid_grant", starts[1], 3}, // the info line between is no error: the run goes on
		{"error", "invalid_client", starts[5], 1},
		{"repeat", "invalid_client", starts[5], 2},
		{"error", "access_denied", starts[7], 1},
		{"error", "invalid_grant", starts[9], 1},
	}
	if fmt.Sprint(brief(got)) != fmt.Sprint(want) {
		t.Errorf("reports:\n got %v\nwant %v", brief(got), want)
	}
	if st.Records != len(records) || st.Errors != 7 || st.Lines != n-1 {
		t.Errorf("stats %+v, want %d records, 7 errors, %d lines", st, len(records), n-1)
	}
	if len(got) > 0 {
		r := got[0]
		if r.Cause != "code_reused" || !strings.Contains(r.Evidence, "Authorization code has been revoked") ||
			r.Time.Format("15:04:05") != "10:00:01" {
			t.Errorf("first report %+v: want cause code_reused, the hint as evidence, the record's own time", r)
		}
		if rep := got[1]; rep.Last.Format("15:04:05") != "10:00:03" {
			t.Errorf("repeat's last %v, want the third record's 10:00:03", rep.Last)
		}
	}
	if len(got) > 4 && got[4].Time.Format("15:04:05") != "10:00:40" {
		t.Errorf("an access log line's time is %v, want 10:00:40", got[4].Time)
	}
}

// Records are told apart by how lines start: a dated header or a JSON log line opens one,
// indented lines, stack frames and the rest of a wrapped body continue it.
func TestRecordsJoinContinuationLines(t *testing.T) {
	var rs records
	var out []string
	for _, l := range strings.Split(fmt.Sprintf(wrapped, 1)+"\n"+jsonLine+"\n"+jsonLine+"\nplain line\n  indented\n"+infoLine, "\n") {
		if rec, _, ok := rs.add([]byte(l)); ok {
			out = append(out, string(rec))
		}
	}
	if rec, _, ok := rs.flush(); ok {
		out = append(out, string(rec))
	}
	if len(out) != 5 || out[0] != fmt.Sprintf(wrapped, 1) || out[1] != jsonLine || out[3] != "plain line\n  indented" {
		t.Errorf("%d records: %q", len(out), out)
	}
}

// A line or a record beyond its limit is cut, not kept whole: a stream cannot make watch
// hold more than MaxRecord of one record.
func TestLimitsBoundLinesAndRecords(t *testing.T) {
	huge := "[2026-12-06 10:00:00] production.ERROR: " + strings.Repeat("x", 3*MaxLine)
	frames := make([]string, 20000)
	for i := range frames {
		frames[i] = fmt.Sprintf("#%d /var/www/vendor/some/package/src/File.php(%d): Some\\Class->method()", i, i)
	}
	text := huge + "\n" + fmt.Sprintf(wrapped, 1) + "\n" + strings.Join(frames, "\n") + "\n" + infoLine + "\n"
	lr := newLineReader(strings.NewReader(text))
	s := NewStream(diagnoseLikeCLI(t), nil, fixedNow, func(Report) error { return nil })
	longest := 0
	for {
		l, err := lr.next()
		if err != nil {
			break
		}
		longest = max(longest, len(l))
		if err := s.Line(l); err != nil {
			t.Fatal(err)
		}
		longest = max(longest, len(s.recs.buf))
	}
	_ = s.Idle()
	if lr.long != 1 || longest > MaxRecord {
		t.Errorf("%d long lines (want 1), longest line or record held %d bytes (limit %d)", lr.long, longest, MaxRecord)
	}
	if st := s.Stats(); st.Errors != 1 || st.DroppedBytes == 0 || st.Records != 3 {
		t.Errorf("stats %+v: want the wrapped error found, its long trace cut, 3 records", st)
	}
}

// Lines as docker compose logs and docker logs -t give them, each with the collector's
// prefix, make the same records as the application's own lines.
func TestCollectorPrefixesComeOff(t *testing.T) {
	plain := strings.Join([]string{infoLine, fmt.Sprintf(wrapped, 1), jsonLine}, "\n")
	want, _ := collect(t, plain)
	for name, pre := range map[string]string{"compose": "app-1  | ", "docker -t": "2026-12-06T10:00:01.123456789Z ",
		"both": "web.1 | 2026-12-06T10:00:01+07:00 "} {
		lines := strings.Split(plain, "\n")
		for i := range lines {
			lines[i] = pre + lines[i]
		}
		got, st := collect(t, strings.Join(lines, "\n"))
		if fmt.Sprint(brief(got)) != fmt.Sprint(brief(want)) || st.Records != 3 {
			t.Errorf("%s: %v (%d records), want %v", name, brief(got), st.Records, brief(want))
		}
	}
}

// A record with no time of its own takes the one docker logs -t put before it.
func TestCollectorTimeStandsInForTheRecords(t *testing.T) {
	got, _ := collect(t, "2026-12-06T09:15:00.5Z "+`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`+
		"\n2026-12-06T09:16:00Z "+`{"error":"invalid_grant","error_description":"The refresh token is invalid.","hint":"Token has been revoked"}`)
	if len(got) != 2 || got[0].Time.Format("15:04:05.0") != "09:15:00.5" || got[1].Time.Format("15:04:05") != "09:16:00" {
		t.Errorf("reports %+v, want the collector's times", got)
	}
}
