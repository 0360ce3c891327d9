package har

import (
	"regexp"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A trace's sentences (a step's summary, what the cross-step checks found, the notes) are
// written in English as the file is read, and kept so: --json and a saved session hold them
// as they are. SayIn puts one into a person's language when it is shown, by its shape, the
// values it quotes (times, paths, server words, ids) left as they are.

// saying is one sentence shape and its Indonesian; $n are the English's groups, each said
// again through SayIn when the shape's group is a sentence of its own (nested).
type saying struct {
	re     *regexp.Regexp
	id     string
	nested []int // groups that are sentences themselves
}

func shape(re, id string, nested ...int) saying {
	return saying{re: regexp.MustCompile("^" + re + "$"), id: id, nested: nested}
}

var sayings = []saying{
	// A step's summary (observe.go).
	shape(`cancelled by the browser before an answer \(it moved on to another page\)`,
		"dibatalkan browser sebelum ada respons (browser sudah pindah ke halaman lain)"),
	shape(`the request failed before any HTTP answer \(blocked, refused or cut off\)`,
		"request gagal sebelum ada respons HTTP (diblokir, ditolak, atau terputus)"),
	shape(`no answer: (.+)`, "tidak ada respons: $1", 1),
	shape(`HTTP (\d+) to (.+) instead of JSON`, "HTTP $1 ke $2, bukan JSON", 2),
	shape(`HTTP (\d+) with an HTML page instead of JSON`, "HTTP $1 berisi halaman HTML, bukan JSON"),
	shape(`HTTP (\d+): tokens issued \((.+)\)`, "HTTP $1: token diterbitkan ($2)", 2),
	shape(`HTTP (\d+) to (.+)`, "HTTP $1 ke $2", 2),
	shape(`elsewhere`, "tempat lain"),
	shape(`grant type not recorded`, "grant type tidak terekam"),
	shape(`\(no Location recorded\)`, "(Location tidak terekam)"),
	shape(`no redirect_uri`, "tanpa redirect_uri"),
	shape(`state of (\d+) characters`, "state $1 karakter"),
	shape(`no state`, "tanpa state"),
	shape(`the provider sent the app error=(\S+): (.+)`, "penyedia mengirim error=$1 ke aplikasi: $2"),
	shape(`the provider sent the app error=(\S+)`, "penyedia mengirim error=$1 ke aplikasi"),
	shape(`the callback carries neither a code nor an error`, "callback tidak membawa kode maupun error"),
	shape(`a code was sent to the app; the recording does not show the app opening it`,
		"kode dikirim ke aplikasi; rekaman tidak menunjukkan aplikasi membukanya"),
	shape(`a code was delivered; the page moved on before the app's answer was recorded`,
		"kode sudah sampai; halaman sudah pindah sebelum respons aplikasi terekam"),
	shape(`the app did not answer its callback: (.+)`, "aplikasi tidak menjawab callback-nya: $1", 1),
	shape(`no HTTP answer`, "tidak ada respons HTTP"),
	shape(`the app answered its callback with (.+)`, "aplikasi menjawab callback-nya dengan $1"),
	shape(`the app redirected to (\S+) with error=(\S+)`, "aplikasi mengalihkan ke $1 dengan error=$2"),
	shape(`a code was delivered; the app answered HTTP (\d+) to (.+)`, "kode sudah sampai; aplikasi menjawab HTTP $1 ke $2"),
	shape(`a code was delivered; the app answered HTTP (\d+)`, "kode sudah sampai; aplikasi menjawab HTTP $1"),

	// What the cross-step checks found (cross.go).
	shape(`this refresh token was already used by step (\d+) at (\S+), which got new tokens: with rotation that spent it, so the stored refresh token was not replaced`,
		"refresh token ini sudah dipakai oleh langkah $1 pukul $2, yang mendapat token baru: dengan rotasi, refresh token itu sudah habis, jadi refresh token yang tersimpan tidak diganti"),
	shape(`step (\d+) later went through, so this did not stop the sign-in`,
		"langkah $1 kemudian berhasil, jadi ini tidak menghentikan login"),
	shape(`this callback, with the same code, was already opened by step (\d+) at (\S+) \(a reload, the back button, or a second request\): the app had used up its state and code the first time`,
		"callback ini, dengan kode yang sama, sudah dibuka oleh langkah $1 pukul $2 (reload, tombol back, atau request kedua): aplikasi sudah menghabiskan state dan kodenya pada kali pertama"),
	shape(`no authorize request before this callback is in the recording, so its state cannot be compared`,
		"tidak ada request otorisasi sebelum callback ini dalam rekaman, jadi state-nya tidak bisa dibandingkan"),
	shape(`no state was sent or received: the sign-in has no CSRF protection \(send a random state and compare it\)`,
		"tidak ada state yang dikirim atau diterima: login ini tanpa perlindungan CSRF (kirim state acak dan bandingkan)"),
	shape(`compared with the authorize request at (\S+): (.+)`, "dibandingkan dengan request otorisasi pukul $1: $2"),
	shape(`this state is the one the authorize request at (\S+) sent; the sign-in started again at (\S+) with another state, which the app then kept \(two tabs, a double click on the sign-in button\)`,
		"state ini dikirim oleh request otorisasi pukul $1; login dimulai lagi pukul $2 dengan state lain, yang kemudian disimpan aplikasi (dua tab, klik ganda pada tombol login)"),
	shape(`the request body was not recorded, so its code, redirect_uri and PKCE verifier cannot be compared`,
		"body request tidak terekam, jadi kode, redirect_uri, dan verifier PKCE-nya tidak bisa dibandingkan"),
	shape(`this code was already exchanged by step (\d+) at (\S+) \(HTTP (\d+)\); a code works once`,
		"kode ini sudah ditukar oleh langkah $1 pukul $2 (HTTP $3); kode hanya berlaku sekali"),
	shape(`the code reached the callback at (\S+) and was exchanged at (\S+), (.+) later; codes last 10 minutes`,
		"kode sampai di callback pukul $1 dan ditukar pukul $2, $3 kemudian; kode hanya berlaku 10 menit"),
	shape(`the code was asked for at (\S+) but exchanged at (\S+): a code is valid only at the server that issued it`,
		"kode diminta di $1 tetapi ditukar di $2: kode hanya berlaku di server yang menerbitkannya"),
	shape(`the token request sends a code_verifier, but the authorize request sent no code_challenge: Passport refuses a verifier for a code obtained without one`,
		"request token mengirim code_verifier, tetapi request otorisasi tidak mengirim code_challenge: Passport menolak verifier untuk kode yang diperoleh tanpa challenge"),
	shape(`the authorize request sent a code_challenge, but the token request carries no code_verifier: Passport answers that code_verifier is missing`,
		"request otorisasi mengirim code_challenge, tetapi request token tidak membawa code_verifier: Passport menjawab bahwa code_verifier tidak ada"),

	// The notes that count something (trace.go); the others are translated whole.
	shape(`(\d+) entries could not be read and were left out`, "$1 entri tidak bisa dibaca dan dilewati"),
	shape(`only the first (\d+) entries were read; (\d+) more were left out`, "hanya $1 entri pertama yang dibaca; $2 lainnya dilewati"),
	shape(`(\d+) error answers have no body in the file \(left out by the browser's export\): the error's words are missing`,
		"$1 respons error tidak punya body di file ini (dibuang oleh ekspor browser): kata-kata error-nya tidak ada"),
}

// SayIn is one of a trace's sentences in l. A summary of several parts ("redirect_uri …,
// scope …; HTTP 302 to …") is said part by part; a part of no known shape (a server's
// words, a path) stays as it is.
func SayIn(l lang.Lang, s string) string {
	if l != lang.Indonesian || s == "" {
		return s
	}
	if t := l.T(s); t != s {
		return t
	}
	if t, ok := sayOne(l, s); ok {
		return t
	}
	if parts := strings.Split(s, "; "); len(parts) > 1 {
		for i, p := range parts {
			parts[i] = sayList(l, p)
		}
		return strings.Join(parts, "; ")
	}
	return sayList(l, s)
}

// sayList says each item of "a, b, c" that has a shape; the whole when one does not split.
func sayList(l lang.Lang, s string) string {
	if t, ok := sayOne(l, s); ok {
		return t
	}
	items := strings.Split(s, ", ")
	for i, it := range items {
		if t, ok := sayOne(l, it); ok {
			items[i] = t
		}
	}
	return strings.Join(items, ", ")
}

func sayOne(l lang.Lang, s string) (string, bool) {
	for _, sg := range sayings {
		m := sg.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		groups := make([]string, len(m)/2)
		for i := range groups {
			if m[2*i] >= 0 {
				groups[i] = s[m[2*i]:m[2*i+1]]
			}
		}
		for _, n := range sg.nested {
			if t, ok := sayOne(l, groups[n]); ok {
				groups[n] = t
			}
		}
		out := sg.id
		for i := len(groups) - 1; i >= 1; i-- {
			out = strings.ReplaceAll(out, "$"+string(rune('0'+i)), groups[i])
		}
		return out, true
	}
	return "", false
}
