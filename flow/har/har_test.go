package har

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A HAR is recognised by its shape wherever it sits: with a byte-order mark, pasted into a
// ticket between other words, or as a bare log object.
func TestParseFindsTheHARByShape(t *testing.T) {
	har := readFile(t, "chrome_spa_ok.har")
	want := load(t, "chrome_spa_ok.har").Entries()
	bare := bytes.TrimSpace(har)
	bare = bytes.TrimSuffix(bytes.TrimPrefix(bare, []byte(`{`)), []byte(`}`))
	bare = bytes.TrimPrefix(bytes.TrimSpace(bare), []byte(`"log":`))
	for name, in := range map[string][]byte{
		"bom":          append([]byte("\xef\xbb\xbf"), har...),
		"in a ticket":  append(append([]byte("Hi support, the login fails. Here is the HAR: {not json} \"log\" ...\n"), har...), []byte("\nThanks, Budi")...),
		"bare log":     bare,
		"crlf and tab": bytes.ReplaceAll(har, []byte("\n"), []byte("\r\n\t")),
	} {
		h, err := Parse(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if h.Entries() != want {
			t.Errorf("%s: %d entries, want %d", name, h.Entries(), want)
		}
	}
}

// Bad input gets a message that says what was wrong and what would be right.
func TestParseRefusesWhatIsNotAHAR(t *testing.T) {
	har := readFile(t, "chrome_spa_ok.har")
	for _, c := range []struct {
		name, in, says string
	}{
		{"empty", "  \n", "empty"},
		{"other JSON", `{"error":"invalid_grant"}`, "not a HAR"},
		{"array", `[1,2,3]`, "not a HAR"},
		{"plain text", "curl -v https://accounts.mubarokah.com/oauth/token", "no HAR found"},
		{"cut short", string(har[:len(har)/2]), "cut short"},
		{"syntax error", `{"log": {"version": "1.2", "entries": [}}`, "not valid JSON"},
		{"binary", "\x00\xff\xfe\x00\x01", "binary"},
		{"no entries", `{"log": {"version": "1.2"}}`, "not a HAR"},
	} {
		_, err := Parse([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.says)
		}
	}
}

func TestParseRefusesAnOversizeFile(t *testing.T) {
	big := make([]byte, MaxSize+1)
	_, err := Parse(big)
	if err == nil || !strings.Contains(err.Error(), "limit is 50 MiB") {
		t.Fatalf("error %v, want one naming the 50 MiB limit", err)
	}
}

// Tools other than browsers write odd types; an odd field is read as best it can be and an
// entry that cannot be read at all is left out and counted, not fatal.
func TestParseToleratesOddEntries(t *testing.T) {
	in := `{"log":{"version":"1.2","creator":{"name":"Charles","version":4.6},"entries":[
	  42,
	  {"request":{"method":"GET","url":"https://a.test/x","headers":null},"response":{"status":"302","headers":[{"name":"Location","value":"/y"}],
	   "content":{"size":null,"text":null},"redirectURL":null},"startedDateTime":"2026-03-14T09:30:01+0700","time":null},
	  {"request":{"method":"GET","url":"https://a.test/z"},"response":{"status":200,"content":{"text":"aGk=","encoding":"base64","size":2}},
	   "startedDateTime":"not a time"},
	  {"request":{"method":"get","url":"https://a.test/w"},"response":{"status":200,"content":{"text":"%%%","encoding":"base64","size":3}},
	   "startedDateTime":"2026-03-14T02:30:00Z"}
	]}}`
	h, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if h.Entries() != 3 || h.skipped != 1 || h.Creator() != "Charles 4.6" {
		t.Fatalf("entries %d skipped %d creator %q, want 3, 1, \"Charles 4.6\"", h.Entries(), h.skipped, h.Creator())
	}
	// Sorted by time; the entry without a readable time stays after the one before it in the file.
	var urls []string
	for _, e := range h.entries {
		urls = append(urls, e.req.url)
	}
	if got := strings.Join(urls, " "); got != "https://a.test/w https://a.test/x https://a.test/z" {
		t.Errorf("order %s", got)
	}
	x, z, w := h.entries[1], h.entries[2], h.entries[0]
	if x.resp.status != 302 || x.location() != "https://a.test/y" {
		t.Errorf("status %d location %q, want 302 to https://a.test/y", x.resp.status, x.location())
	}
	if string(z.resp.body) != "hi" {
		t.Errorf("base64 body read as %q", z.resp.body)
	}
	if w.req.method != "GET" || !w.resp.badBody || !w.bodyOmitted() {
		t.Errorf("method %q, bad base64 should count as a body the file does not give", w.req.method)
	}
	if notes := strings.Join(h.notes(nil), " "); !strings.Contains(notes, "1 entries could not be read") {
		t.Errorf("notes %q do not count the unreadable entry", notes)
	}
}

func TestLooks(t *testing.T) {
	if !Looks(string(readFile(t, "firefox_server_ok.har"))) {
		t.Error("a Firefox HAR does not look like one")
	}
	for _, s := range []string{`{"error":"invalid_grant"}`, "HTTP/1.1 400 Bad Request", `{"log": "x"}`} {
		if Looks(s) {
			t.Errorf("%q looks like a HAR", s)
		}
	}
}

// The dialects' own quirks reach the analysis: Chrome's base64 token response, Firefox's
// bodies left out for size, Safari's form body without params and its empty redirectURL.
func TestDialectQuirksAreRead(t *testing.T) {
	chrome := load(t, "chrome_spa_ok.har")
	for _, e := range chrome.entries {
		if e.req.method == "POST" && strings.HasSuffix(e.req.url, "/oauth/token") {
			if len(issuedTokens(&e)) != 2 {
				t.Errorf("Chrome's base64 token response was not decoded: %q", e.resp.body)
			}
		}
	}
	firefox := load(t, "firefox_server_ok.har")
	omitted := 0
	for _, e := range firefox.entries {
		if e.bodyOmitted() {
			omitted++
		}
	}
	if omitted != 1 {
		t.Errorf("%d Firefox bodies seen as left out, want 1 (the stylesheet)", omitted)
	}
	safari := load(t, "safari_spa_ok.har")
	for _, e := range safari.entries {
		if e.req.method == "POST" && (e.req.body == nil || len(e.req.body.params) != 0 || value(e.bodyParams(), "grant_type") != "authorization_code") {
			t.Errorf("Safari's token body (text only) not read: %+v", e.req.body)
		}
		if e.resp.status == 302 && (e.resp.redirect != "" || !strings.Contains(e.location(), "/auth/callback?code=")) {
			t.Errorf("Safari's 302 should be followed through its Location header, got %q", e.location())
		}
	}
}
