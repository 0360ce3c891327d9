package lang

import (
	"regexp"
	"sync"
)

// The evidence readers (flow/evidence, flow/har), the matcher's conditions and the flow's
// notes write their sentences in English: the matcher and the reports keep one wording, and
// those packages are not tied to a language. A reason is put into Indonesian where it is
// shown, by shape: each pair below is an English sentence as its writer words it and its
// Indonesian. In the English,
//
//	%s is a particular kept as it is (a value, an id, a time, a server's words),
//	%S is a particular that is itself one of our sentences (translated in turn),
//	%d is a number;
//
// the Indonesian has the same verbs in the same order. Nothing else is a verb: "%XX" in a
// sentence is text. A new sentence of an evidence reader is added here; the corpus test in
// internal/cli (TestEveryReasonOfTheCorporaInIndonesian) names the ones it meets in English.
var evidenceSentences = [][2]string{
	// flow/rank.go and flow/next.go: why the walk went straight to a result.
	{"evidence names %s, cause %s (%d other causes ruled out): %S", "bukti menunjuk ke %s, penyebabnya %s (%d penyebab lain dikesampingkan): %S"},
	{"evidence names %s, cause %s (%d other causes ruled out)", "bukti menunjuk ke %s, penyebabnya %s (%d penyebab lain dikesampingkan)"},
	{"evidence names %s, cause %s: %S", "bukti menunjuk ke %s, penyebabnya %s: %S"},
	{"evidence names %s, cause %s", "bukti menunjuk ke %s, penyebabnya %s"},
	{"%d checks point to it, none to another", "%d pemeriksaan menunjuk ke sana, tidak satu pun ke penyebab lain"},
	{"the one left", "satu-satunya yang tersisa"},
	{"the live check %s ran at step %d: %S", "pemeriksaan langsung %s sudah dijalankan di langkah %d: %S"},
	{"the check %s ran at step %d: %S", "pemeriksaan %s sudah dijalankan di langkah %d: %S"},
	// flow/when.go: the evidence that answered a question, and flow/next.go's exclusions.
	{"evidence: %S", "bukti: %S"},
	{"the evidence matches %s", "bukti cocok dengan %s"},
	{"the evidence points to %s", "bukti menunjuk ke %s"},
	{"%s is ruled out (%S)", "%s dikesampingkan (%S)"},
	{"the %s check's result", "hasil pemeriksaan %s"},
	{"fact %s", "fakta %s"},
	{"the evidence answered %s at step %d (%s)", "bukti menjawab %s di langkah %d (%s)"},
	{"answered %s at step %d (%s)", "dijawab %s di langkah %d (%s)"},
	{"live check %s: %S", "pemeriksaan langsung %s: %S"},
	// flow/check/redirect.go: a summary and its differences, joined by "; ".
	{"the redirect_uri differs: %S", "redirect_uri berbeda: %S"},

	// flow/evidence/credentials.go
	{"the Basic credentials look swapped: the part before the colon (%d characters) has the shape of a secret and the part after it the shape of a client_id; Basic carries base64(client_id:client_secret)",
		"kredensial Basic tampaknya tertukar: bagian sebelum titik dua (%d karakter) berbentuk secret, dan bagian sesudahnya berbentuk client_id; Basic berisi base64(client_id:client_secret)"},
	{"the client_id inside the Basic credentials %S", "client_id di dalam kredensial Basic %S"},
	{"the client_secret inside the Basic credentials %S", "client_secret di dalam kredensial Basic %S"},
	{"is empty, so no client can be looked up (the secret is empty too: the header carries only the colon)",
		"kosong, jadi tidak ada client yang bisa dicari (secret-nya juga kosong: header-nya hanya berisi titik dua)"},
	{"is empty, so no client can be looked up", "kosong, jadi tidak ada client yang bisa dicari"},
	{"is a %s hash, the form a server stores a secret in, not the secret itself: the server hashes what it receives and compares that with its stored hash, so the hash never matches",
		"berupa hash %s, bentuk yang disimpan server untuk secret, bukan secret-nya sendiri: server meng-hash apa yang diterimanya lalu membandingkannya dengan hash yang tersimpan, jadi hash itu tidak akan pernah cocok"},
	{"the credentials go in a header named %s; the server reads them only from Authorization, so it receives none",
		"kredensial dikirim di header bernama %s; server hanya membacanya dari Authorization, jadi server tidak menerima kredensial apa pun"},
	{"is empty", "kosong"},
	// The catalogue says this one after the same words (wrong_secret's evidence).
	{"is not the bare secret league compares", "bukan secret polos yang dibandingkan league"},
	{"ends with a line break (encoded from `echo` without -n, or read from a file with its newline)",
		"diakhiri baris baru (di-encode dari `echo` tanpa -n, atau dibaca dari file beserta baris barunya)"},
	{"has a space or tab around it, which league compares as part of the value",
		"diapit spasi atau tab, yang oleh league dibandingkan sebagai bagian dari nilainya"},
	{"is URL-escaped (it holds %XX); league compares it as sent and does not undo the escaping",
		"di-escape untuk URL (memuat %XX); league membandingkannya apa adanya dan tidak men-decode-nya"},
	{`the Authorization header holds the token with no scheme before it; the API reads only "Bearer <access_token>"`,
		`header Authorization berisi token tanpa skema di depannya; API hanya membaca "Bearer <access_token>"`},
	{`the Authorization header says "Bearer" twice ("Bearer Bearer …"): the server takes the second "Bearer" as the token`,
		`header Authorization menulis "Bearer" dua kali ("Bearer Bearer …"): server menganggap "Bearer" yang kedua sebagai token-nya`},
	{"the Authorization scheme is %s: the colon makes it another word than Bearer", "skema Authorization-nya %s: titik dua itu membuatnya kata lain, bukan Bearer"},
	{`the Authorization scheme is %s; the API reads only "Bearer <access_token>"`, `skema Authorization-nya %s; API hanya membaca "Bearer <access_token>"`},
	{"the Authorization scheme %s is a misspelling of Bearer; the API ignores a header with any other scheme",
		"skema Authorization %s adalah salah ketik untuk Bearer; API mengabaikan header dengan skema lain"},
	// flow/evidence/curlcmd.go
	{"curl -u sends the client credentials in an Authorization: Basic header", "curl -u mengirim kredensial client di header Authorization: Basic"},
	{"the curl command sends the token request as JSON; /oauth/token reads application/x-www-form-urlencoded",
		"perintah curl mengirim request token sebagai JSON; /oauth/token membaca application/x-www-form-urlencoded"},
	{"the curl command calls an API with no Authorization header (and no -u or cookie)",
		"perintah curl memanggil API tanpa header Authorization (juga tanpa -u atau cookie)"},
	// flow/evidence/evidence.go
	{"the token endpoint answered HTTP %d, a redirect, instead of JSON", "endpoint token menjawab HTTP %d, sebuah redirect, alih-alih JSON"},
	{"the server says too many requests were made", "server menyatakan request yang dikirim terlalu banyak"},
	{"retry after %d s", "coba lagi setelah %d detik"},
	{"the body is %s, more than 1 MiB", "body-nya %s, lebih dari 1 MiB"},
	{"HTTP %d came with an empty body (Content-Length: 0)", "respons HTTP %d datang dengan body kosong (Content-Length: 0)"},
	{"HTTP %d came with an empty body", "respons HTTP %d datang dengan body kosong"},
	// flow/evidence/html.go
	{"the body is an HTML page where JSON was expected", "body-nya halaman HTML, padahal yang diharapkan JSON"},
	{"the body is an HTML page titled %s where JSON was expected", "body-nya halaman HTML berjudul %s, padahal yang diharapkan JSON"},
	{"the HTML is a login page: the request was treated as a browser guest, usually because it did not send Accept: application/json",
		"HTML-nya halaman login: request-nya diperlakukan seperti browser yang belum login, biasanya karena tidak mengirim Accept: application/json"},
	// flow/evidence/httpmsg.go
	{"the token request was sent with Content-Type: application/json; /oauth/token reads application/x-www-form-urlencoded",
		"request token dikirim dengan Content-Type: application/json; /oauth/token membaca application/x-www-form-urlencoded"},
	{"the API request carried no Authorization header", "request ke API tidak membawa header Authorization"},
	{"the request sent client credentials in an Authorization: Basic header, but its value is not base64 of client_id:client_secret",
		"request mengirim kredensial client di header Authorization: Basic, tetapi nilainya bukan base64 dari client_id:client_secret"},
	{"the request sent client credentials in an Authorization: Basic header", "request mengirim kredensial client di header Authorization: Basic"},
	{`the header says "bearer" in lower case; older Passport (league ≤ 9.2) only accepts "Bearer"`,
		`header-nya menulis "bearer" dengan huruf kecil; Passport lama (league ≤ 9.2) hanya menerima "Bearer"`},
	{"the Authorization header says Bearer but carries no token", "header Authorization menulis Bearer, tetapi tidak membawa token"},
	{"HTTP %d redirects to %s, a login page, instead of answering with JSON", "HTTP %d me-redirect ke %s, sebuah halaman login, alih-alih menjawab dengan JSON"},
	// flow/evidence/jsonbody.go
	{"the token request body is JSON; /oauth/token reads application/x-www-form-urlencoded",
		"body request token berupa JSON; /oauth/token membaca application/x-www-form-urlencoded"},
	{"the token response says expires_in %s: the token is expired as it is issued",
		"respons token menyatakan expires_in %s: token-nya sudah kedaluwarsa begitu diterbitkan"},
	// flow/evidence/ports.go
	{"the connection went to %s port %s, but the configuration shown sets %s, port %s",
		"koneksinya menuju %s port %s, padahal konfigurasi yang ditampilkan menyetel %s, port %s"},
	// flow/evidence/profile.go
	{"the Socialite user has neither id nor email: the provider's user answer was empty or unreadable",
		"objek User Socialite tidak punya id maupun email: respons data pengguna dari penyedia kosong atau tidak terbaca"},
	{"the user-info endpoint answered an empty JSON object: no id, name or email",
		"endpoint user-info menjawab objek JSON kosong: tanpa id, name, atau email"},
	// flow/evidence/received.go
	{"the request was sent as POST but the server says it received %s: a 301 or 302 on the way made the client repeat it as %s, without its body",
		"request dikirim sebagai POST, tetapi server menyatakan menerima %s: sebuah 301 atau 302 di tengah jalan membuat client mengulanginya sebagai %s, tanpa body-nya"},
	{"the request went to http:// and arrived at https://, so the redirect upgraded plain http",
		"request dikirim ke http:// dan tiba di https://, jadi redirect-nya menaikkan http biasa ke https"},
	{"the request was sent to %s, plain http, and redirected to https", "request dikirim ke %s, lewat http biasa, lalu di-redirect ke https"},
	// flow/evidence/redirect.go
	{"the answer sends the request from %s on to another host, %s", "responsnya meneruskan request dari %s ke host lain, %s"},
	{"the answer redirects an https request to plain http", "responsnya me-redirect request https ke http biasa"},
	// flow/evidence/token.go
	{"the bearer value %s starts with def50200: it is a Passport refresh token or authorization code, not an access token",
		"nilai bearer %s diawali def50200: itu refresh token atau authorization code Passport, bukan access token"},
	{"the access token %s is not a JWT: %S", "access token %s bukan JWT: %S"},
	{"it has %d dots; a JWT has three base64url parts separated by two dots (eyJ….eyJ….sig)",
		"isinya %d titik, padahal JWT terdiri dari tiga bagian base64url yang dipisahkan dua titik (eyJ….eyJ….sig)"},
	{"it does not decode as a JWT: %s", "tidak bisa di-decode sebagai JWT: %s"},
	{"this def50200… value is a Passport refresh token or authorization code (encrypted, it cannot be decoded); an access token is a JWT starting with eyJ",
		"nilai def50200… ini refresh token atau authorization code Passport (terenkripsi, tidak bisa di-decode); access token adalah JWT yang diawali eyJ"},
	{"token exp %s is %S in the past", "exp token %s sudah lewat %S"},
	{"token exp %s is not after its iat %s: it was issued already expired", "exp token %s tidak lebih lambat dari iat-nya %s: token itu sudah kedaluwarsa saat diterbitkan"},
	{"token nbf %s is %S in the future: a clock is wrong", "nbf token %s baru berlaku %S lagi: ada jam yang salah"},
	{"token iat %s is %S in the future: a clock is wrong", "iat token %s berada %S di masa depan: ada jam yang salah"},
	{"%d s", "%d detik"},
	{"%d min", "%d menit"},
	{"%d h", "%d jam"},
	{"%d days", "%d hari"},
	// flow/evidence/transport.go
	{"the message names the client's own limit, %S: a round trip to the provider can take longer than that without anything being wrong",
		"pesannya menyebut batas milik client sendiri, %S: satu kali bolak-balik ke penyedia bisa lebih lama dari itu tanpa ada yang salah"},
	// flow/evidence/urls.go
	{"the token URL carries grant_type in its query string; /oauth/token reads the grant only from the form-encoded body",
		"URL token membawa grant_type di query string-nya; /oauth/token hanya membaca grant dari body yang form-encoded"},
	{"the callback carried a code but no state", "callback membawa code, tetapi tanpa state"},
	// flow/evidence/wwwauth.go
	{"WWW-Authenticate: Basic is only sent back when the request carried an Authorization header",
		"WWW-Authenticate: Basic hanya dikirim balik bila request-nya membawa header Authorization"},
	// flow/har: what a recording's steps say about each other (cross.go), which har.SayIn
	// reads here too.
	{"the browser reported %s", "browser melaporkan %s"},
	{"this refresh token was already used by step %d at %s, which got new tokens: with rotation that spent it, so the stored refresh token was not replaced",
		"refresh token ini sudah dipakai oleh langkah %d pukul %s, yang mendapat token baru: dengan rotasi, refresh token itu sudah habis, jadi refresh token yang tersimpan tidak diganti"},
	{"step %d later went through, so this did not stop the sign-in", "langkah %d kemudian berhasil, jadi ini tidak menghentikan login"},
	{"this callback, with the same code, was already opened by step %d at %s (a reload, the back button, or a second request): the app had used up its state and code the first time",
		"callback ini, dengan kode yang sama, sudah dibuka oleh langkah %d pukul %s (reload, tombol back, atau request kedua): aplikasi sudah menghabiskan state dan kodenya pada kali pertama"},
	{"no authorize request before this callback is in the recording, so its state cannot be compared",
		"tidak ada request otorisasi sebelum callback ini dalam rekaman, jadi state-nya tidak bisa dibandingkan"},
	{"no state was sent or received: the sign-in has no CSRF protection (send a random state and compare it)",
		"tidak ada state yang dikirim atau diterima: login ini tanpa perlindungan CSRF (kirim state acak dan bandingkan)"},
	{"compared with the authorize request at %s: %S", "dibandingkan dengan request otorisasi pukul %s: %S"},
	{"this state is the one the authorize request at %s sent; the sign-in started again at %s with another state, which the app then kept (two tabs, a double click on the sign-in button)",
		"state ini dikirim oleh request otorisasi pukul %s; login dimulai lagi pukul %s dengan state lain, yang kemudian disimpan aplikasi (dua tab, klik ganda pada tombol login)"},
	{"the request body was not recorded, so its code, redirect_uri and PKCE verifier cannot be compared",
		"body request tidak terekam, jadi kode, redirect_uri, dan verifier PKCE-nya tidak bisa dibandingkan"},
	{"this code was already exchanged by step %d at %s (HTTP %d); a code works once",
		"kode ini sudah ditukar oleh langkah %d pukul %s (HTTP %d); kode hanya berlaku sekali"},
	{"the code reached the callback at %s and was exchanged at %s, %S later; codes last 10 minutes",
		"kode sampai di callback pukul %s dan ditukar pukul %s, %S kemudian; kode hanya berlaku 10 menit"},
	{"the code was asked for at %s but exchanged at %s: a code is valid only at the server that issued it",
		"kode diminta di %s tetapi ditukar di %s: kode hanya berlaku di server yang menerbitkannya"},
	{"the token request sends a code_verifier, but the authorize request sent no code_challenge: Passport refuses a verifier for a code obtained without one",
		"request token mengirim code_verifier, tetapi request otorisasi tidak mengirim code_challenge: Passport menolak verifier untuk kode yang diperoleh tanpa challenge"},
	{"the authorize request sent a code_challenge, but the token request carries no code_verifier: Passport answers that code_verifier is missing",
		"request otorisasi mengirim code_challenge, tetapi request token tidak membawa code_verifier: Passport menjawab bahwa code_verifier tidak ada"},
}

// verbRe finds the verbs of evidenceSentences; the test holds each pair's verbs against each other.
var verbRe = regexp.MustCompile(`%[sSd]`)

// evidenceShapes reads evidenceSentences back; a particular of text takes as little as it
// can, so that a sentence's own words after it are not swallowed.
var evidenceShapes = sync.OnceValue(func() *Shapes {
	return ShapesOf(Verbs{'s': `(.+?)`, 'S': `(.+?)`, 'd': Number}, evidenceSentences)
})

// Sentence is s in l when it is one of the evidence readers' or the flow's sentences
// (evidenceSentences), its particulars put back in place.
func (l Lang) Sentence(s string) (string, bool) {
	if l != Indonesian {
		return "", false
	}
	return evidenceSentence(s, 0)
}

// evidenceSentence is s in Indonesian when it is one of evidenceSentences, its particulars
// put back in place (a %S one translated in turn, depth bounding how deep).
func evidenceSentence(s string, depth int) (string, bool) {
	t := evidenceShapes()
	i, verbs, args, ok := t.Match(s)
	if !ok {
		return "", false
	}
	return t.Fill(evidenceSentences[i][1], verbs, args, func(v byte, arg string) string {
		if v == 'S' {
			return reasonIn(arg, depth+1)
		}
		return arg
	}), true
}
