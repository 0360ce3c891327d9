// Package hartest holds HAR documents for the tests of every package that reads one: a
// sign-in with secrets planted wherever a browser records them.
package hartest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Marker is a planted secret: long enough that only the whole value, not its masked
// prefix, gives it away.
func Marker(where string) string { return "zzMARK-" + where + "-7Q2w9E4r1T6y" }

// Planted is a failing sign-in with a secret in every place a browser records one
// (cookies, Cookie and Set-Cookie headers, query strings, fragments, form and JSON bodies,
// HTML forms, Basic and Bearer credentials, a URL's userinfo), and the secrets planted.
func Planted() ([]byte, []string) {
	m := Marker
	verifier := m("verifier") + strings.Repeat("v", 20)
	basic := base64.StdEncoding.EncodeToString([]byte("5b1a6f6e:" + m("basic-secret")))
	tokenBody := fmt.Sprintf(`{"token_type":"Bearer","expires_in":86400,"access_token":%q,"refresh_token":%q}`, m("access-b64"), m("refresh-b64"))
	authorize := "https://accounts.mubarokah.com/oauth/authorize?client_id=c1&redirect_uri=" + url.QueryEscape("https://app.test/cb") +
		"&response_type=code&scope=view-user&state=st-1234567890abcdef"
	callback := "https://app.test/cb?code=" + m("code") + "&state=st-1234567890abcdef"
	hdr := func(pairs ...string) []map[string]string {
		var out []map[string]string
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, map[string]string{"name": pairs[i], "value": pairs[i+1]})
		}
		return out
	}
	entry := func(at, method, u string, status int, reqH, respH []map[string]string, post map[string]any, content map[string]any) map[string]any {
		req := map[string]any{"method": method, "url": u, "headers": reqH, "cookies": []map[string]string{{"name": "mubarokah_session", "value": m("req-cookie")}}}
		if post != nil {
			req["postData"] = post
		}
		if content == nil {
			content = map[string]any{"size": 0, "mimeType": "text/html"}
		}
		return map[string]any{"startedDateTime": "2026-03-14T09:30:" + at + ".000Z", "time": 10, "request": req,
			"response": map[string]any{"status": status, "headers": respH, "content": content,
				"cookies": []map[string]string{{"name": "sid", "value": m("resp-cookie")}}}}
	}
	entries := []any{
		entry("00", "GET", authorize+"&session_hint="+m("url-session-token"), 302,
			hdr("Cookie", "mubarokah_session="+m("cookie-header")+"; theme=dark"),
			hdr("Set-Cookie", "sid="+m("set-cookie")+"; path=/; HttpOnly", "Location", callback+"#access_token="+m("fragment")), nil, nil),
		entry("01", "GET", "https://accounts.mubarokah.com/login", 200, nil, hdr("Content-Type", "text/html"), nil,
			map[string]any{"size": 200, "mimeType": "text/html", "text": `<html><head><meta name="csrf-token" content="` + m("meta-csrf") +
				`"></head><form><input type="hidden" name="_token" value="` + m("html-token") + `"><input name="password"></form></html>`}),
		entry("02", "POST", "https://accounts.mubarokah.com/login", 422, hdr("X-CSRF-TOKEN", m("csrf-header")), hdr("Content-Type", "application/json"),
			map[string]any{"mimeType": "application/json", "text": `{"email":"a@b.test","password":"` + m("json-password") + `"}`},
			map[string]any{"size": 90, "mimeType": "application/json", "text": `{"message":"The given data was invalid.","session_token":"` + m("json-resp-token") + `"}`}),
		entry("03", "GET", callback, 500, hdr("Referer", "https://accounts.mubarokah.com/login?password="+m("referer-password")),
			hdr("Content-Type", "application/json"), nil,
			map[string]any{"size": 80, "mimeType": "application/json", "text": `{"message":"could not exchange ` + m("code") + `"}`}),
		entry("04", "POST", "https://accounts.mubarokah.com/oauth/token", 200, hdr("Authorization", "Basic "+basic), hdr("Content-Type", "application/json"),
			map[string]any{"mimeType": "application/x-www-form-urlencoded",
				"text": "grant_type=authorization_code&code=" + m("code") + "&client_secret=" + m("client-secret") +
					"&code_verifier=" + verifier + "&redirect_uri=" + url.QueryEscape("https://app.test/cb"),
				"params": []map[string]string{{"name": "password", "value": m("form-param-password")}}},
			map[string]any{"size": len(tokenBody), "mimeType": "application/json", "encoding": "base64",
				"text": base64.StdEncoding.EncodeToString([]byte(tokenBody))}),
		entry("05", "GET", "https://user:"+m("userinfo")+"@accounts.mubarokah.com/api/user", 401,
			hdr("Authorization", "Bearer "+m("bearer")), hdr("Content-Type", "application/json", "WWW-Authenticate", `Bearer error="invalid_token"`), nil,
			map[string]any{"size": 30, "mimeType": "application/json", "text": `{"message":"Unauthenticated."}`}),
	}
	doc, err := json.Marshal(map[string]any{"log": map[string]any{"version": "1.2", "entries": entries}})
	if err != nil {
		panic(err) // maps of strings always marshal
	}
	markers := []string{m("req-cookie"), m("resp-cookie"), m("cookie-header"), m("set-cookie"), m("fragment"), m("url-session-token"),
		m("meta-csrf"), m("html-token"), m("csrf-header"), m("json-password"), m("json-resp-token"), m("referer-password"), m("code"),
		m("basic-secret"), m("client-secret"), verifier, m("form-param-password"), m("access-b64"), m("refresh-b64"), m("userinfo"), m("bearer")}
	return doc, markers
}
