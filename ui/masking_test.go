package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// Secret markers, one per kind of value, long and mixed as generated ones are.
const (
	markSecret  = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5cUe4W"
	markToken   = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsInNjb3BlcyI6W119.Sg9kF2mPq7LxR3vT8wN1cY5bH0jD4eK6"
	markRefresh = "def50200a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	markPass    = "Hunter2Hunter2x9"
	markCookie  = "Vb7Qw3Er9Ty1Ui5Op2As6Df8Gh4Jk0LzXc"
)

var markers = []string{markSecret, markToken, markRefresh, markPass, markCookie}

// markerShown returns the first piece of a marker a screen shows beyond what a mask may (its
// first four characters; def50200, which every Passport value starts with), or "".
func markerShown(screen string) string {
	for _, m := range markers {
		from := 0
		if strings.HasPrefix(m, "def50200") {
			from = 4
		}
		for i := from; i+5 <= len(m); i++ {
			if strings.Contains(screen, m[i:i+5]) {
				return m[i : i+5]
			}
		}
	}
	return ""
}

// maskPastes are the forms a secret takes in what people paste.
var maskPastes = map[string]string{
	"curl -u":  "curl -v -u 0a9f8dd9-9f13-4138-abf7-566f30886cf1:" + markSecret + " -d grant_type=client_credentials https://accounts.mubarokah.com/oauth/token",
	"--user":   "curl --user '9:" + markSecret + "' https://accounts.mubarokah.com/oauth/token\n< HTTP/1.1 401 Unauthorized\n{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
	".env":     "APP_URL=https://app.test\nMUBAROKAH_CLIENT_ID=9\nMUBAROKAH_CLIENT_SECRET=" + markSecret + "\nDB_PASSWORD=" + markPass,
	"export":   "export MUBAROKAH_CLIENT_SECRET=\"" + markSecret + "\"\nexport MUBAROKAH_REFRESH_TOKEN=" + markRefresh,
	"laravel":  "'mubarokah' => [\n    'client_id' => env('MUBAROKAH_CLIENT_ID'),\n    'client_secret' => '" + markSecret + "',\n    'fallback' => env('MUBAROKAH_CLIENT_SECRET', '" + markPass + "'),\n],",
	"yaml":     "mubarokah:\n  client_id: 9\n  client_secret: " + markSecret + "\n  password: \"" + markPass + "\"",
	"json":     `{"access_token":"` + markToken + `","token_type":"Bearer","expires_in":3600,"refresh_token":"` + markRefresh + `"}`,
	"form":     "POST /oauth/token\n\ngrant_type=refresh_token&refresh_token=" + markRefresh + "&client_id=9&client_secret=" + markSecret,
	"headers":  "GET /api/user HTTP/1.1\nAuthorization: Bearer " + markToken + "\nCookie: laravel_session=" + markCookie + "\n\nHTTP/1.1 401 Unauthorized\n{\"message\":\"Unauthenticated.\"}",
	"url":      "https://app.test/callback?code=" + markRefresh + "&state=xyz and mysql://app:" + markPass + "@db/app",
	"alone":    markSecret,
	"jwtAlone": markToken,
}

// maskSizes are the test sizes: a laptop, a wide terminal, a zoomed screen-share, one too
// small, and presenter mode.
var maskSizes = []struct {
	w, h    int
	present bool
}{{80, 24, false}, {160, 48, false}, {60, 16, false}, {50, 10, false}, {80, 24, true}, {160, 48, true}}

// sendKeeping is send with the messages keep lets through: the secrets a paste teaches the
// session can be held back, to see the screens before the set knows them.
func sendKeeping(t *testing.T, m Model, keep func(tea.Msg) bool, msgs ...tea.Msg) Model {
	t.Helper()
	for _, in := range msgs {
		queue := []tea.Msg{in}
		for steps := 0; len(queue) > 0; steps++ {
			if steps > 10000 {
				t.Fatal("messages keep coming")
			}
			msg := queue[0]
			queue = queue[1:]
			if !keep(msg) {
				continue
			}
			nm, cmd := m.Update(msg)
			m = nm.(Model)
			for _, out := range runCmd(cmd, time.Now().Add(2*time.Second)) {
				if _, tick := out.(spinner.TickMsg); !tick {
					queue = append(queue, out)
				}
			}
		}
	}
	return m
}

// Secret markers in every form, through every screen's View at every test size: pastes
// (before and after the session learns their secrets), settings, live checks whose answers
// quote them, an offline check's typed token, the result, history and the report screen.
// No screen shows a marker, whole or in part, beyond a mask's prefix.
func TestNoScreenShowsASecretInAnyForm(t *testing.T) {
	f := &fakeProber{}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail,
		Summary: "refused client_secret=" + markSecret, Details: []string{"sent Authorization: Basic OTo" + markSecret, "body: client_secret=" + markSecret},
		Obs: invalidClientObs()})
	f.set(probe.IDClientCredentials, probe.Result{Name: "Client credentials", Status: probe.Warn,
		Summary: "issued " + markToken, Details: []string{`{"access_token":"` + markToken + `"}`, "Set-Cookie: s=" + markCookie + "; path=/"}})
	withMarkers := func(o *Options) {
		cfg := config.Default()
		cfg.ClientID = "9"
		cfg.ClientSecret = markSecret
		cfg.AccessToken = markToken
		cfg.RefreshToken = markRefresh
		o.Config = &cfg
		o.Prober = f
		o.Graph = testGraph(t)
	}
	paths := []string{"", "5", "5 j j j j j j j j j j j j j j j j j j", "3", "3 enter", "3 enter j j j j j j j", "4",
		"1 1 2", "1 1 2 ctrl+d", "1 1 2 ctrl+d w", "1 1 2 ctrl+d h"}
	for _, size := range maskSizes {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		if size.present {
			name += "_present"
		}
		t.Run(name, func(t *testing.T) {
			present := func(o *Options) { o.Present = size.present }
			check := func(what string, m Model) {
				t.Helper()
				if piece := markerShown(screenText(m)); piece != "" {
					t.Fatalf("%s shows %q of a secret:\n%s", what, piece, screenText(m))
				}
			}
			m := testModel(t, size.w, size.h, withMarkers, present)
			for _, p := range paths {
				check("path "+p, send(t, m, keys(p)...))
			}
			// A token typed into the offline check's form.
			mm := send(t, testModel(t, size.w, size.h, withGraph(t), present), keys("1 1 2")...)
			mm = send(t, mm, press("ctrl+u"))
			mm = send(t, mm, typeText(markToken)...)
			check("the token check's form", mm)
			check("the token check's result", send(t, mm, press("ctrl+d")))
			for form, paste := range maskPastes {
				for _, learnt := range []bool{false, true} {
					keep := func(msg tea.Msg) bool { _, secrets := msg.(secretsMsg); return learnt || !secrets }
					m := testModel(t, size.w, size.h, withGraph(t), present)
					m = sendKeeping(t, m, keep, press("2"), tea.PasteMsg{Content: paste})
					check(form+": the preview", m)
					for _, k := range []string{"ctrl+d", "1", "1", "w", "esc", "h"} {
						m = sendKeeping(t, m, keep, press(k))
						check(fmt.Sprintf("%s (secrets learnt %t): after %s", form, learnt, k), m)
						if m.cur == screenReport {
							// The report itself, as it would be saved or copied.
							if piece := markerShown(screenOf[report](m, screenReport).md); piece != "" {
								t.Fatalf("%s: the report shows %q of a secret:\n%s", form, piece, screenOf[report](m, screenReport).md)
							}
						}
					}
				}
			}
		})
	}
}
