package har

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// bigHAR is a recording of a busy page around a sign-in: the Chrome sign-in's entries
// among about 500 others (scripts, images, JSON calls, pages), some 5 MB in all, each with
// the headers and cookies a browser sends.
func bigHAR(b *testing.B) []byte {
	b.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFile(b, "chrome_spa_ok.har"), &doc); err != nil {
		b.Fatal(err)
	}
	log := doc["log"].(map[string]any)
	entries := log["entries"].([]any)
	headers := []map[string]string{{"name": "Accept", "value": "*/*"}, {"name": "Accept-Language", "value": "id-ID,id;q=0.9,en;q=0.8"},
		{"name": "Cookie", "value": "app_session=eyJpdiI6IkFwcFNlc3Npb24iLCJ2YWx1ZSI6IngifQ%3D%3D; _ga=GA1.1.123456789.1700000000"},
		{"name": "User-Agent", "value": "Mozilla/5.0 Chrome/126.0"}, {"name": "Sec-Fetch-Mode", "value": "no-cors"}}
	js := strings.Repeat("function f(a){return a*2}\n", 250) // ~6.5 KB each, so 500 entries make ~5 MB
	img := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("\x89PNG", 1400)))
	api := `{"items":[` + strings.Repeat(`{"id":1,"name":"row","token":"not-a-secret-here"},`, 120) + `{}]}`
	for i := len(entries); i < 500; i++ {
		kind, mime, text, enc := "script", "application/javascript", js, ""
		switch i % 4 {
		case 1:
			kind, mime, text, enc = "image", "image/png", img, "base64"
		case 2:
			kind, mime, text = "fetch", "application/json", api
		case 3:
			kind, mime, text = "document", "text/html", "<html><body>"+strings.Repeat("<p>news</p>", 600)+"</body></html>"
		}
		entries = append(entries, map[string]any{
			"_resourceType": kind, "_initiator": map[string]any{"type": "script"},
			"startedDateTime": fmt.Sprintf("2026-03-14T09:31:%02d.%03dZ", i%60, i%1000), "time": 12.5,
			"request": map[string]any{"method": "GET", "url": fmt.Sprintf("https://cdn.example.test/asset/%d?v=%d", i, i), "headers": headers,
				"cookies": []map[string]string{{"name": "app_session", "value": "eyJpdiI6IkFwcFNlc3Npb24iLCJ2YWx1ZSI6IngifQ%3D%3D"}}},
			"response": map[string]any{"status": 200, "headers": headers[:2],
				"content": map[string]any{"size": len(text), "mimeType": mime, "text": text, "encoding": enc}},
		})
	}
	log["entries"] = entries
	out, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func BenchmarkParse(b *testing.B) {
	data := bigHAR(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyze is the whole path diagnose --har takes: parse, secrets, timeline,
// cross-step checks and diagnosis.
func BenchmarkAnalyze(b *testing.B) {
	data := bigHAR(b)
	cat := catalogue(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		h, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		if tr := Analyze(h, cat, testNow); len(tr.Steps) != 8 {
			b.Fatalf("%d steps, want the sign-in's 8", len(tr.Steps))
		}
	}
}
