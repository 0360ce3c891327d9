package evidence

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

const (
	testSecret = "Zq8uRk3Lw9Vb2Nc7Xm4Pt6Hy1Gd5Fs0Ja8Ke3Wr" // the shape of a Passport secret, not a real one
	testUUID   = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
)

func basicRequest(id, secret string) string {
	cred := base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
	return "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " + cred +
		"\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n"
}

// The values inside Basic credentials are compared by league exactly as decoded: each fault
// a person makes with them is named, and which half it is in.
func TestBasicCredentialFaults(t *testing.T) {
	cases := []struct {
		name, id, secret string
		idBad, secretBad bool
		says             string
	}{
		{"good", "7", testSecret, false, false, ""},
		{"good uuid", testUUID, testSecret, false, false, ""},
		{"empty secret", "7", "", false, true, "is empty"},
		{"empty id", "", testSecret, true, false, "is empty"},
		{"secret with echo's newline", "7", testSecret + "\n", false, true, "line break"},
		{"id with a space", "7 ", testSecret, true, false, "space"},
		{"url-escaped secret", "7", "abc%2Bdef%3D" + testSecret[:20], false, true, "URL-escaped"},
		{"swapped", testSecret, "7", true, true, "swapped"},
		{"swapped uuid", testSecret, testUUID, true, true, "swapped"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := parse(t, basicRequest(c.id, c.secret))
			if got := o.HasFact(knowledge.FactBasicClientIDBad); got != c.idBad {
				t.Errorf("client_id fault = %v, want %v (%+v)", got, c.idBad, o.Facts)
			}
			if got := o.HasFact(knowledge.FactBasicSecretBad); got != c.secretBad {
				t.Errorf("secret fault = %v, want %v (%+v)", got, c.secretBad, o.Facts)
			}
			if c.says != "" {
				d, _ := o.FactDetail(knowledge.FactBasicSecretBad)
				if !c.secretBad {
					d, _ = o.FactDetail(knowledge.FactBasicClientIDBad)
				}
				if !strings.Contains(d, c.says) {
					t.Errorf("detail %q does not say %q", d, c.says)
				}
			}
			if strings.TrimSpace(c.secret) != "" && len(strings.TrimSpace(c.secret)) >= 8 {
				noSecret(t, o, strings.TrimSpace(c.secret))
			}
			noSecret(t, o, testSecret)
		})
	}
}

// curl -u carries the same two values.
func TestCurlUserFaults(t *testing.T) {
	o := parse(t, "curl -X POST https://accounts.mubarokah.com/oauth/token -u '"+testSecret+":7' -d grant_type=client_credentials")
	if !o.HasFact(knowledge.FactBasicClientIDBad) || !o.HasFact(knowledge.FactBasicSecretBad) {
		t.Errorf("swapped -u values not seen: %+v", o.Facts)
	}
	noSecret(t, o, testSecret)
}

// Secrets found in a paste include the one standing before the colon when the two are
// swapped, so nothing the program prints can repeat it.
func TestSwappedBasicSecretIsMasked(t *testing.T) {
	text := basicRequest(testSecret, "7")
	if got := Scrub(text); strings.Contains(got, testSecret) {
		t.Errorf("Scrub left the swapped secret: %s", got)
	}
	o := parse(t, text)
	b, _ := json.Marshal(o)
	if strings.Contains(string(b), testSecret) || strings.Contains(string(b), base64.StdEncoding.EncodeToString([]byte(testSecret+":7"))) {
		t.Errorf("the observation shows the credentials: %s", b)
	}
	text = "curl -u " + testSecret + ":7 https://accounts.mubarokah.com/oauth/token"
	if got := Scrub(text); strings.Contains(got, testSecret) {
		t.Errorf("Scrub left the swapped -u secret: %s", got)
	}
}

// A scheme that is not Bearer means the API reads no token at all.
func TestBearerSchemeFaults(t *testing.T) {
	tok := makeJWT(t, map[string]any{"sub": "1", "exp": float64(testNow.Unix() + 600)})
	cases := []struct {
		header string
		wrong  bool
		says   string
	}{
		{"Bearer " + tok, false, ""},
		{"bearer " + tok, false, ""}, // lower case has its own fact
		{"Beraer " + tok, true, "misspelling"},
		{"Baerer " + tok, true, "misspelling"},
		{"Bearer Bearer " + tok, true, "twice"},
		{"Bearer: " + tok, true, "colon"},
		{"Token " + tok, true, `"Token"`},
		{"JWT " + tok, true, `"JWT"`},
		{tok, true, "no scheme"},
		{"Basic " + base64.StdEncoding.EncodeToString([]byte("7:"+testSecret)), false, ""},
	}
	for _, c := range cases {
		o := parse(t, "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: "+c.header+"\nAccept: application/json\n")
		d, got := o.FactDetail(knowledge.FactBearerSchemeWrong)
		if got != c.wrong {
			t.Errorf("%.20q: scheme fault = %v, want %v (%+v)", c.header, got, c.wrong, o.Facts)
		}
		if c.says != "" && !strings.Contains(d, c.says) {
			t.Errorf("%.20q: detail %q does not say %q", c.header, d, c.says)
		}
		noSecret(t, o, tok, testSecret)
	}
	if o := parse(t, "GET /api/user HTTP/1.1\nAuthorization: bearer "+tok+"\n"); !o.HasFact(knowledge.FactBearerLowercase) {
		t.Errorf("lower-case bearer lost its fact: %+v", o.Facts)
	}
}

// A scheme one or two slips from Bearer (a swap of two letters is one slip) is a misspelt
// Bearer; a real scheme or a word far from it is not.
func TestMisspeltBearer(t *testing.T) {
	for _, s := range []string{"Beraer", "Baerer", "Berer", "Bearr", "Bearerr", "Beaerr", "Brearer", "BEAER", "Bear", "Baerr", "Beraerr"} {
		if f := schemeFault(s, "x"); !strings.Contains(f, "misspelling") {
			t.Errorf("%q is not taken for a misspelt Bearer: %q", s, f)
		}
	}
	for _, s := range []string{"Bearer", "bearer", "Basic", "Digest", "DPoP", "Negotiate", "NTLM", "HOBA", "Mutual", "vapid", "Signature", "Beautiful", "Header1"} {
		if f := schemeFault(s, "x"); strings.Contains(f, "misspelling") {
			t.Errorf("%q is taken for a misspelt Bearer: %q", s, f)
		}
	}
}

// A timeout message that names the client's own limit says whose limit fired; a short one
// is the client's fault, a long one says nothing against the server's speed either way.
func TestClientTimeoutLimit(t *testing.T) {
	cases := []struct {
		text  string
		short bool
	}{
		{"cURL error 28: Operation timed out after 2000 milliseconds with 0 bytes received", true},
		{"cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received", false},
		// curl counts what elapsed: a 5 s limit reads a few milliseconds over.
		{"curl: (28) Connection timed out after 5004 milliseconds", true},
		{"cURL error 28: Operation timed out after 5200 milliseconds with 0 bytes received", false},
		{"AxiosError: timeout of 3000ms exceeded", true},
		{"AxiosError: timeout of 60000ms exceeded", false},
		{"requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='accounts.mubarokah.com', port=443): Read timed out. (read timeout=5)", true},
		{"RPError: outgoing request timed out after 3500ms", true},
		{`Get "https://accounts.mubarokah.com/api/user": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, false},
	}
	for _, c := range cases {
		o := parse(t, c.text)
		if o.Transport != knowledge.TransportTimeout {
			t.Errorf("%q: transport %q, want timeout", c.text, o.Transport)
		}
		if got := o.HasFact(knowledge.FactClientTimeoutShort); got != c.short {
			t.Errorf("%q: short client timeout = %v, want %v", c.text, got, c.short)
		}
	}
}

// The answer may say which method arrived: the method of a paste without a request, and a
// POST that arrived as GET (a redirect on the way) when the request shows POST.
func TestMethodReadFromTheAnswer(t *testing.T) {
	o := parse(t, `{"message":"The GET method is not supported for route oauth/token. Supported methods: POST.","exception":"Symfony\\Component\\HttpKernel\\Exception\\MethodNotAllowedHttpException"}`)
	check(t, o, want{method: "GET"})
	if o.HasFact(knowledge.FactMethodChanged) {
		t.Errorf("no request was shown, so nothing changed: %+v", o.Facts)
	}
	o = parse(t, "Client error: `POST http://shop.example.com/api/oauth/token` resulted in a `405 Method Not Allowed` response:\n"+
		`{"errors":[{"status":"405","detail":"No route found for \u0022GET https:\/\/shop.example.com\/api\/oauth\/token\u0022: Method Not Allowed (Allow: POST)"}]}`)
	check(t, o, want{method: "POST", status: 405, facts: []string{knowledge.FactMethodChanged, knowledge.FactPlainHTTP}})
	o = parse(t, `The POST method is not supported for route api/user. Supported methods: GET, HEAD.`)
	check(t, o, want{method: "POST", endpoint: "api_user"})
	o = parse(t, "Client error: `POST https://shop.example.com/oauth/token` resulted in a `405 Method Not Allowed` response:\n"+
		`The POST method is not supported for route oauth/token.`)
	if o.HasFact(knowledge.FactMethodChanged) {
		t.Errorf("the method did not change: %+v", o.Facts)
	}
}
