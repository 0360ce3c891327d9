package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/flow/har/hartest"
)

func recordedHAR(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join("..", "..", "flow", "har", "testdata", "recorded", name+".har")
}

// diagnose --har names the first step that went wrong with its HAR entry, the catalogue
// entry and the leading cause, in text and in JSON, on a recording made by a real browser.
func TestDiagnoseHARNamesTheFailingStep(t *testing.T) {
	file := recordedHAR(t, "code_reused")
	code, out, errOut := runCLI(t, "", "diagnose", "--har", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"went wrong at step 5 of 5: token, HAR entry 12", "✗  5", "invalid_grant", "code_reused",
		"already exchanged by step 4"} {
		if !strings.Contains(out, want) {
			t.Errorf("the text lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCLI(t, "", "diagnose", "--json", "--har", file)
	if code != 0 {
		t.Fatalf("--json exit %d: %s", code, errOut)
	}
	var got struct {
		HAR struct {
			Steps   []struct{ Kind string }
			Failing int
		}
		Failure   *failureJSON
		Diagnoses []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	f := got.Failure
	if f == nil || f.Step != 5 || f.Entry != 12 || f.Kind != "token" || f.Code != "invalid_grant" || f.Cause != "code_reused" {
		t.Errorf("failure = %+v, want step 5, entry 12, token, invalid_grant, code_reused", f)
	}
	if len(got.HAR.Steps) != 5 || got.HAR.Failing != 4 || len(got.Diagnoses) == 0 || got.Diagnoses[0].Code != "invalid_grant" {
		t.Errorf("trace and diagnoses: %+v %+v", got.HAR, got.Diagnoses)
	}
}

// A HAR given where any evidence goes (--file, stdin, an argument) is recognised by its
// shape and read as a trace, not as a JSON body.
func TestDiagnoseRecognisesAHARByItsShape(t *testing.T) {
	file := recordedHAR(t, "redirect_uri_mismatch")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := runCLI(t, "", "diagnose", "--json", "--har", file)
	_, viaHAR, _ := runCLI(t, "", "diagnose", "--json", "--har", file)
	for name, args := range map[string][]string{"file": {"--file", file}, "stdin": {}, "ticket": {"--file", "-"}} {
		stdin := string(data)
		if name == "ticket" {
			stdin = "Customer's recording, as attached:\n" + stdin + "\nThanks"
		}
		code, out, errOut := runCLI(t, stdin, append([]string{"diagnose", "--json"}, args...)...)
		if code != want || out != viaHAR {
			t.Errorf("%s: exit %d (%s), output differs from --har:\n%s", name, code, errOut, out)
		}
	}
	if !strings.Contains(viaHAR, `"failure"`) {
		t.Errorf("no failure named:\n%s", viaHAR)
	}
}

// Every secret planted in the HAR (cookies, headers, query strings, bodies, fragments,
// credentials) is absent from every output of diagnose, and the file is left as it was.
func TestDiagnoseHARShowsNoSecret(t *testing.T) {
	doc, markers := hartest.Planted()
	dir := t.TempDir()
	file := filepath.Join(dir, "sign-in.har")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(file)
	for _, args := range [][]string{
		{"diagnose", "--har", file}, {"diagnose", "--json", "--har", file},
		{"diagnose", "--file", file}, {"diagnose", "--json", "--file", file},
		{"diagnose", "--har", "-"},
	} {
		r := cliRun(t, context.Background(), string(doc), nil, args...)
		if strings.TrimSpace(r.out) == "" {
			t.Errorf("%v printed nothing (exit %d): %s", args, r.code, r.errOut)
		}
		for _, m := range markers {
			if piece := leak(r.out+r.errOut, m); piece != "" {
				t.Errorf("%v shows %q of the planted secret %s", args, piece, m)
			}
		}
	}
	after, _ := os.Stat(file)
	now, _ := os.ReadFile(file)
	if !bytes.Equal(now, doc) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the HAR file was written to")
	}
}

// A recording with nothing wrong, a file that is not a HAR and a HAR beside other evidence
// each get a message that says what was wrong and what would be right.
func TestDiagnoseHARMessages(t *testing.T) {
	code, _, errOut := runCLI(t, "", "diagnose", "--har", recordedHAR(t, "spa_ok"))
	if code != exitProblem || !strings.Contains(errOut, "no step of the sign-in went wrong") {
		t.Errorf("healthy: exit %d, %s", code, errOut)
	}
	notHAR := filepath.Join(t.TempDir(), "x.har")
	if err := os.WriteFile(notHAR, []byte(`{"error":"invalid_grant"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "diagnose", "--har", notHAR)
	if code != exitUsage || !strings.Contains(errOut, "not a HAR") || !strings.Contains(errOut, "log.entries") {
		t.Errorf("not a HAR: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "diagnose", "--har", recordedHAR(t, "spa_ok"), "invalid_grant")
	if code != exitUsage || !strings.Contains(errOut, "--har") {
		t.Errorf("--har with arguments: exit %d, %s", code, errOut)
	}
	// A recording over evidence's 1 MiB, on stdin or as --file, is pointed to --har.
	var doc map[string]any
	data, err := os.ReadFile(recordedHAR(t, "code_reused"))
	if err != nil || json.Unmarshal(data, &doc) != nil {
		t.Fatal("cannot read the recording")
	}
	doc["log"].(map[string]any)["comment"] = strings.Repeat("recorded around the sign-in ", 50000)
	big, _ := json.Marshal(doc)
	bigFile := filepath.Join(t.TempDir(), "big.har")
	if err := os.WriteFile(bigFile, big, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, string(big), "diagnose")
	if code != exitUsage || !strings.Contains(errOut, "--har -") {
		t.Errorf("a big HAR on stdin: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "diagnose", "--file", bigFile)
	if code != exitUsage || !strings.Contains(errOut, "--har "+bigFile) {
		t.Errorf("a big HAR as --file: exit %d, %s", code, errOut)
	}
	if code, out, errOut := runCLI(t, "", "diagnose", "--json", "--har", bigFile); code != 0 || !strings.Contains(out, `"code_reused"`) {
		t.Errorf("a big HAR with --har: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "diagnose", "--har", filepath.Join(t.TempDir(), "missing.har"))
	if code != exitUsage || !strings.Contains(errOut, "cannot read the HAR file") {
		t.Errorf("missing: exit %d, %s", code, errOut)
	}
}

// Every recording made by a real browser: diagnose --har --json names a failing step with
// an entry and a cause exactly when the sign-in failed, and no secret of the file (as
// flow/har lists them: cookies, codes, tokens, session ids) appears in the output.
func TestDiagnoseHAROnEveryRecording(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "flow", "har", "testdata", "recorded", "*.har"))
	if err != nil || len(files) < 19 {
		t.Fatalf("%d recordings (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".har")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			secrets, ok := har.SecretsOf(string(data))
			if !ok || len(secrets) == 0 {
				t.Fatalf("no secrets listed for a recorded sign-in")
			}
			code, out, errOut := runCLI(t, "", "diagnose", "--json", "--har", file)
			var got struct{ Failure *failureJSON }
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("exit %d, not JSON: %v\n%s", code, err, errOut)
			}
			healthy := strings.HasSuffix(name, "_ok")
			switch {
			case healthy && (got.Failure != nil || code != exitProblem):
				t.Errorf("a healthy sign-in: exit %d, failure %+v", code, got.Failure)
			case !healthy && (got.Failure == nil || got.Failure.Code == "" || got.Failure.Cause == "" || code != 0):
				t.Errorf("a failed sign-in: exit %d, failure %+v (%s)", code, got.Failure, errOut)
			}
			for _, s := range secrets {
				if len(s) >= 12 && strings.Contains(out+errOut, s) {
					t.Errorf("the output shows the file's secret %s…", s[:4])
				}
			}
		})
	}
}
