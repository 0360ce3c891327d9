package cli

import (
	"slices"
	"strings"
	"testing"
)

// complete asks the program what completes the last argument, as a shell's script does
// through the hidden __complete command, and returns the values offered (their
// descriptions cut off) and cobra's directive line.
func complete(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"__complete"}, args...)...)
	if code != exitOK {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	var values []string
	directive := ""
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, ":") {
			directive = line
			continue
		}
		v, _, _ := strings.Cut(line, "\t")
		values = append(values, v)
	}
	return values, directive
}

func TestCompletions(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		want      []string // all offered
		wantNot   []string // none offered
		exactly   bool
		directive string
	}{
		{"error codes", []string{"explain", "invalid_g"}, []string{"invalid_grant"}, []string{"invalid_client", "401"}, false, ":4"},
		{"codes and aliases", []string{"explain", "token_exp"}, []string{"token_expired"}, nil, false, ":4"},
		{"one code only", []string{"explain", "invalid_grant", ""}, nil, nil, true, ":4"},
		{"search words", []string{"search", "insuff"}, []string{"insufficient_scope"}, nil, false, ":4"},
		{"probe names", []string{"check", "--probe", ""}, []string{"dns", "client_auth", "api_user_details"}, nil, false, ":4"},
		{"probe prefix", []string{"check", "--probe", "api"}, []string{"api_user", "api_user_details"}, nil, true, ":4"},
		{"fault names", []string{"sandbox", "--fault", "wrong"}, []string{"wrong_secret"}, nil, true, ":4"},
		{"endpoints", []string{"diagnose", "--endpoint", ""}, []string{"/api/user", "/api/user/details"}, nil, true, ":4"},
		{"flow node ids", []string{"flow", "c"}, []string{"C", "C1", "C2", "c2_grant"}, []string{"A", "B"}, false, ":4"},
		{"first answer", []string{"walk", ""}, []string{"4xx", "5xx", "network", "other"}, nil, true, ":4"},
		{"answers replayed", []string{"walk", "4xx", ""}, []string{"config", "request", "token", "consent"}, nil, true, ":4"},
		{"comma-separated", []string{"walk", "4xx,request,inv"}, []string{"4xx,request,invalid_grant", "4xx,request,invalid_request",
			"4xx,request,invalid_scope"}, nil, true, ":4"},
		{"an answer that does not fit", []string{"walk", "4xx", "nonsense", ""}, nil, nil, true, ":4"},
		{"--answers", []string{"walk", "--answers", "4xx,"}, []string{"4xx,config", "4xx,request"}, nil, false, ":4"},
		{"input check names", []string{"walk", "--input", "pk"}, []string{"pkce."}, nil, true, ":6"},
		{"report formats", []string{"walk", "--report", ""}, []string{"md", "json"}, nil, true, ":4"},
		{"auth style on check", []string{"check", "--auth-style", ""}, []string{"body", "basic"}, nil, true, ":4"},
		{"auth style on the wizard", []string{"--auth-style", "ba"}, []string{"basic"}, nil, true, ":4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, directive := complete(t, tt.args...)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q lacks %q; got %q", tt.args, w, got)
				}
			}
			for _, w := range tt.wantNot {
				if slices.Contains(got, w) {
					t.Errorf("%q offers %q; got %q", tt.args, w, got)
				}
			}
			if tt.exactly && len(got) != len(tt.want) {
				t.Errorf("%q offers %q, want exactly %q", tt.args, got, tt.want)
			}
			if directive != tt.directive {
				t.Errorf("%q: directive %s, want %s (no file names)", tt.args, directive, tt.directive)
			}
		})
	}
}

// Every shell gets its script, and each script calls back into the program.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errOut := runCLI(t, "", "completion", shell)
		if code != exitOK || !strings.Contains(out, "__complete") || !strings.Contains(out, "mubarokah-doctor") {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), errOut)
		}
	}
}

// Whatever a shell hands over as the word being completed, completion answers (exit 0) and
// never offers a file name.
func FuzzComplete(f *testing.F) {
	for _, s := range []string{"", "4xx", "4xx,request,", ",,,", "4xx, token ,401", "C2", "inv", "\x1b[31m", "é,ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		for _, args := range [][]string{{"walk", word}, {"walk", "4xx", word}, {"walk", "--answers", word}, {"flow", word}, {"explain", word}} {
			_, directive := complete(t, args...)
			if directive != ":4" {
				t.Fatalf("%q: directive %s", args, directive)
			}
		}
	})
}
