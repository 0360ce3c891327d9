package probe

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// closedURL is an http address on this machine where nothing listens.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// A probe run in Indonesian says its name, its summary and the network's answer in
// Indonesian; the same run in English reads as it always did.
func TestProbeResultsSpeakTheLanguage(t *testing.T) {
	base := closedURL(t)
	run := func(l lang.Lang, id string) Result {
		cfg := config.Default()
		cfg.BaseURL, cfg.Lang = base, l
		return (&Prober{}).Run(context.Background(), cfg, id)
	}

	id := run(lang.Indonesian, IDReachability)
	if id.Status != Fail || id.Name != "Server menjawab" ||
		!strings.Contains(id.Summary, "tidak ada respons dari "+base) || !strings.Contains(id.Summary, "koneksi ditolak") {
		t.Errorf("Indonesian reachability: %+v", id)
	}
	if id.ID != IDReachability || id.Obs.Transport == "" || strings.Contains(id.Obs.TransportDetail, "koneksi") {
		t.Errorf("ids and what the matcher reads must stay as they are: id %q, transport %q, detail %q", id.ID, id.Obs.Transport, id.Obs.TransportDetail)
	}
	en := run(lang.English, IDReachability)
	if en.Name != "Server answers" || !strings.HasPrefix(en.Summary, "no answer from "+base+": the connection was refused") {
		t.Errorf("English reachability changed: %+v", en)
	}

	dns := run(lang.Indonesian, IDDNS)
	if dns.Status != Pass || dns.Summary != "127.0.0.1 adalah alamat IP; tidak ada yang perlu di-resolve" {
		t.Errorf("Indonesian DNS: %+v", dns)
	}
	skip := run(lang.Indonesian, IDUser)
	if skip.Status != Skip || !strings.Contains(skip.Summary, "access token tidak diberikan") || !strings.Contains(skip.Summary, "--access-token") {
		t.Errorf("Indonesian skip reason: %+v", skip)
	}
	refresh, _ := Lookup(IDRefresh)
	if c := refresh.In(lang.Indonesian).Consent; !strings.Contains(c.Warn, "mencabut yang lama") || c.Flag != "refresh" {
		t.Errorf("Indonesian consent: %+v", c)
	}
}

// say puts the sentences the probes keep English for the matcher into the language, with
// their particulars, nested ones too; anything else stays as it is.
func TestSayByShape(t *testing.T) {
	for en, want := range map[string]string{
		"the name api.invalid does not resolve (no such host)":                                    "nama api.invalid tidak bisa di-resolve (host tidak ditemukan)",
		"the certificate expires in 3 days":                                                       "sertifikat kedaluwarsa dalam 3 hari",
		"no answer within the time limit (after its headers, HTTP 200, and 12 bytes of the body)": "tidak ada respons dalam batas waktu (setelah header-nya, HTTP 200, dan 12 byte body)",
		"dial tcp: lookup x: some Go error":                                                       "dial tcp: lookup x: some Go error",
	} {
		if got := say(lang.Indonesian, en); got != want {
			t.Errorf("say(%q) = %q, want %q", en, got, want)
		}
		if got := say(lang.English, en); got != en {
			t.Errorf("English say(%q) = %q", en, got)
		}
	}
}
