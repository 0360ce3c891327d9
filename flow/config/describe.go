package config

import (
	"fmt"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Line is one setting as a settings screen or `check` shows it.
type Line struct {
	Key    string `json:"key"`
	Env    string `json:"env"`
	Value  string `json:"value"` // masked for secrets
	Secret bool   `json:"secret,omitempty"`
	Source string `json:"source"`
	Help   string `json:"help"`
}

// Describe lists every setting with its value (secrets masked) and where it came from, in
// c.Lang.
func (c *Config) Describe() []Line {
	out := make([]Line, 0, len(settings))
	for _, s := range settings {
		v := s.get(c)
		if s.Secret {
			v = redact.Mask(v)
		}
		src := c.SourceOf(s.Key).In(c.Lang)
		if v == "" {
			src = c.Lang.T("not set")
		}
		out = append(out, Line{Key: s.Key, Env: s.Env, Value: v, Secret: s.Secret, Source: src, Help: s.HelpIn(c.Lang)})
	}
	return out
}

// WriteDescription prints Describe as aligned text, one setting a line.
func (c *Config) WriteDescription(w io.Writer) error {
	lines := c.Describe()
	width := 0
	for _, l := range lines {
		width = max(width, len(l.Key))
	}
	var b strings.Builder
	for _, l := range lines {
		v := l.Value
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(&b, "  %-*s  %s  (%s)\n", width, l.Key, v, l.Source)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Target is the part of the configuration a report may show: addresses and the client id,
// never a secret. `check --json` prints it as "target".
type Target struct {
	BaseURL     string            `json:"base_url"`
	Endpoints   map[string]string `json:"endpoints"`
	ClientID    string            `json:"client_id,omitempty"`
	RedirectURI string            `json:"redirect_uri,omitempty"`
	Scopes      []string          `json:"scopes,omitempty"`
	Timeout     string            `json:"timeout"`
	Secrets     map[string]string `json:"secrets,omitempty"` // masked: which ones were given
}

// Target returns the shareable summary of the configuration.
func (c *Config) Target() Target {
	t := Target{BaseURL: c.BaseURL, ClientID: c.ClientID, RedirectURI: c.RedirectURI,
		Scopes: c.Scopes, Timeout: c.Timeout.String(), Endpoints: map[string]string{}}
	for _, e := range []knowledge.Endpoint{EndpointAuthorize, EndpointToken, EndpointUser, EndpointUserDetails} {
		t.Endpoints[string(e)] = c.URL(e)
	}
	for _, s := range settings {
		if s.Secret {
			if v := s.get(c); v != "" {
				if t.Secrets == nil {
					t.Secrets = map[string]string{}
				}
				t.Secrets[s.Key] = redact.Mask(v)
			}
		}
	}
	return t
}
