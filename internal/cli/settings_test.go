package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Every command reads the settings one way: flag, environment, .env, default. These are the
// commands that read them without declaring the setting flags.

func TestDiagnoseTakesTheClientIDFromDotEnv(t *testing.T) {
	dir := t.TempDir()
	writeTemp(t, dir, ".env", "MUBAROKAH_CLIENT_ID=client-2\n")
	t.Chdir(dir)
	tok := signed(t, jwt.MapClaims{"aud": "client-1", "scopes": []string{"view-user"}, "exp": float64(diagnoseNow.Add(time.Hour).Unix())})
	// The check fails on the aud (exit 1: no entry fits a token issued to another client).
	code, out, errOut := runDiagnoseCLI(t, "", "--token", tok, "--endpoint", "/api/user")
	if code != exitProblem || !strings.Contains(out, "issued to client client-1 (aud), not to client-2") {
		t.Errorf("exit %d, the token's aud was not compared with .env's client id:\n%s%s", code, out, errOut)
	}
	// The flag still wins over .env: the same token then passes.
	code, out, _ = runDiagnoseCLI(t, "", "--token", tok, "--endpoint", "/api/user", "--client-id", "client-1")
	if code != exitOK || strings.Contains(out, "issued to client") {
		t.Errorf("exit %d, --client-id client-1 did not win over .env:\n%s", code, out)
	}
}

func TestWalkReportNamesTheServerOfTheSettings(t *testing.T) {
	dir := t.TempDir()
	writeTemp(t, dir, ".env", "MUBAROKAH_BASE_URL=https://staging.mubarokah.test/\nMUBAROKAH_CLIENT_SECRET="+plantedSecret+"\n")
	t.Chdir(dir)
	code, out, errOut := walkCLI(t, "", []string{"MUBAROKAH_CLIENT_ID=client-9"}, "walk", "4xx,token,401,expired", "--report", "md")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Server: https://staging.mubarokah.test", "client-9"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if leak(out+errOut, plantedSecret) != "" {
		t.Errorf(".env's client secret shows in the report")
	}
}

// A setting that cannot be used stops check (exit 2) but not the commands that only read the
// settings on the side.
func TestABadSettingStopsOnlyCheck(t *testing.T) {
	environ := []string{"MUBAROKAH_BASE_URL=ftp://nowhere"}
	if code, _, errOut := walkCLI(t, "", environ, "check", "--no-env-file"); code != exitUsage || !strings.Contains(errOut, "base-url") {
		t.Errorf("check with a bad base URL: exit %d, %q", code, errOut)
	}
	if code, _, errOut := walkCLI(t, "", environ, "walk", "4xx,token,401,expired", "--report", "md"); code != exitOK || errOut != "" {
		t.Errorf("walk --report with a bad base URL: exit %d, %q", code, errOut)
	}
}
