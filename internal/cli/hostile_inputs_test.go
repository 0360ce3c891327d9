package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
)

// badInput is one hostile or broken input and what the program must make of it: an exit
// code among codes and, when says is set, a message (on stderr) holding it. Whatever the
// input, nothing may panic, pass a terminal control through, or show the planted secret.
type badInput struct {
	name  string
	prep  func(t *testing.T, dir string) invocation
	codes []int
	says  string
	json  bool // stdout must be JSON when the command succeeds or finds nothing
}

type invocation struct {
	args    []string
	stdin   string
	stdinR  io.Reader // instead of stdin
	environ []string
	ctx     context.Context
}

func args(a ...string) func(*testing.T, string) invocation {
	return func(*testing.T, string) invocation { return invocation{args: a} }
}

func piped(stdin string, a ...string) func(*testing.T, string) invocation {
	return func(*testing.T, string) invocation { return invocation{args: a, stdin: stdin} }
}

// fileArg writes content to a file and gives its path after the arguments.
func fileArg(content string, a ...string) func(*testing.T, string) invocation {
	return func(t *testing.T, dir string) invocation {
		return invocation{args: append(a, writeTemp(t, dir, "evidence.txt", content))}
	}
}

// inDir runs the command in dir with a .env made by dotenv (nil: none).
func inDir(dotenv func(t *testing.T, dir string), a ...string) func(*testing.T, string) invocation {
	return func(t *testing.T, dir string) invocation {
		if dotenv != nil {
			dotenv(t, dir)
		}
		t.Chdir(dir)
		return invocation{args: a, environ: []string{"MUBAROKAH_BASE_URL=http://127.0.0.1:9"}}
	}
}

func interrupted(a ...string) func(*testing.T, string) invocation {
	return func(*testing.T, string) invocation {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		pr, _ := io.Pipe() // stdin that never ends
		return invocation{args: a, stdinR: pr, ctx: ctx}
	}
}

// interruptedCheck runs check against a server that holds the request until ctrl+c comes,
// and sends ctrl+c as soon as the request arrives.
func interruptedCheck(t *testing.T, _ string) invocation {
	arrived := make(chan struct{}, 1)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// With the body read, the server notices the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-r.Context().Done()
	}))
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	t.Cleanup(cancel)
	return invocation{args: []string{"check", "--no-env-file", "--timeout", "1m", "--probe", "client_auth"}, ctx: ctx,
		environ: []string{"MUBAROKAH_BASE_URL=" + ts.URL, "MUBAROKAH_CLIENT_ID=x", "MUBAROKAH_CLIENT_SECRET=" + plantedSecret}}
}

func jwtWithExp(exp float64) string {
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "1", "aud": "9", "exp": exp}).SignedString([]byte("k"))
	return s
}

var (
	found   = []int{exitOK, exitProblem}
	usage   = []int{exitUsage}
	stopped = []int{exitInterrupted}
)

var badInputs = []badInput{
	// Panics and shifted offsets.
	{"Laravel undefined array key, diagnose", piped(`ErrorException: Undefined array key "code"`, "diagnose"), found, "", false},
	{"Laravel undefined array key, walk", fileArg(`ErrorException: Undefined array key "code"`, "walk", "--evidence"), []int{exitUsage, exitProblem}, "", false},
	{"Laravel undefined array key, search", args("search", `ErrorException: Undefined array key "code"`), found, "", false},
	{"Laravel undefined array key, explain", args("explain", `Undefined array key "code"`), usage, "no entry", false},
	{"stray byte before Bearer", piped("\xb6Bearer ", "diagnose"), found, "", false},
	{"dotted I before Authorization", piped("İİİİ Authorization: Bearer "+plantedSecret, "diagnose"), found, "", false},
	{"Kelvin sign before Authorization", piped("\u212a\u212aAuthorization: Bearer "+plantedSecret, "diagnose", "--json"), found, "", true},
	{"invalid UTF-8 before authorization", piped("\xff\xfe authorization: Basic "+basicOf("a", plantedSecret), "diagnose"), found, "", false},
	{"a megabyte of İ", piped(strings.Repeat("İ", evidence.MaxInput/2-8), "diagnose"), found, "", false},
	{"one line of a megabyte", piped(strings.Repeat("x", evidence.MaxInput-1), "diagnose"), found, "", false},
	{"JWT exp after year 9999", func(*testing.T, string) invocation {
		return invocation{args: []string{"diagnose", "--json", "--token", jwtWithExp(1e13)}}
	}, found, "", true},
	{"JWT exp before year 0", piped("Authorization: Bearer "+jwtWithExp(-1e13), "diagnose", "--json"), found, "", true},
	// Binary and oversize.
	{"NUL bytes", piped("HTTP/1.1 401\x00\x00\x00", "diagnose"), usage, "looks binary", false},
	{"mostly not UTF-8", piped(strings.Repeat("\xff\xfe\xfd", 100), "diagnose"), usage, "looks binary", false},
	{"NUL bytes, in Indonesian", piped("HTTP/1.1 401\x00\x00\x00", "--lang", "id", "diagnose"), usage, "tampak biner (3 byte NUL); tempel teks saja: respons atau request HTTP", false},
	{"over 1 MiB on stdin", piped(strings.Repeat("a", evidence.MaxInput+1), "diagnose"), usage, "over 1 MiB", false},
	{"empty stdin", piped("", "diagnose"), usage, "nothing to diagnose", false},
	{"200 files of 1 MiB", func(t *testing.T, dir string) invocation {
		a := []string{"diagnose"}
		for i := range 200 {
			p := filepath.Join(dir, fmt.Sprintf("big%03d.txt", i))
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			// Sparse: the size is there for Stat, the disk is not used, nothing is read.
			if err := f.Truncate(evidence.MaxInput); err != nil {
				t.Fatal(err)
			}
			f.Close()
			a = append(a, "--file", p)
		}
		return invocation{args: a}
	}, usage, "200 MiB in all; the limit is 1 MiB", false},
	{"two files over the limit together", func(t *testing.T, dir string) invocation {
		a := writeTemp(t, dir, "a.txt", strings.Repeat("a", 600<<10))
		b := writeTemp(t, dir, "b.txt", strings.Repeat("b", 600<<10))
		return invocation{args: []string{"diagnose", "--file", a, "--file", b}}
	}, usage, "in all; the limit is 1 MiB", false},
	{"a file and stdin over the limit together", func(t *testing.T, dir string) invocation {
		a := writeTemp(t, dir, "a.txt", strings.Repeat("a", 600<<10))
		return invocation{args: []string{"diagnose", "--file", a, "--file", "-"}, stdin: strings.Repeat("b", 600<<10)}
	}, usage, "over 1 MiB with the rest", false},
	// Special files.
	{"--file a directory", func(t *testing.T, dir string) invocation {
		return invocation{args: []string{"diagnose", "--file", dir}}
	}, usage, "is a directory; give --file the file", false},
	{"--file a named pipe", func(t *testing.T, dir string) invocation {
		return invocation{args: []string{"diagnose", "--file", fifo(t, dir, "pipe")}}
	}, usage, "is a named pipe (FIFO); give --file the file", false},
	{"--file /dev/zero", args("diagnose", "--file", "/dev/zero"), usage, "is a character device", false},
	{"--file missing", args("diagnose", "--file", "/nonexistent/evidence.txt"), usage, "cannot read evidence file", false},
	{"walk --evidence a named pipe", func(t *testing.T, dir string) invocation {
		return invocation{args: []string{"walk", "--evidence", fifo(t, dir, "pipe")}}
	}, usage, "is a named pipe (FIFO); give --evidence", false},
	{"walk --evidence a directory", func(t *testing.T, dir string) invocation {
		return invocation{args: []string{"walk", "--evidence", dir}}
	}, usage, "is a directory; give --evidence", false},
	{".env a named pipe, check", inDir(func(t *testing.T, dir string) { fifo(t, dir, ".env") }, "check", "--probe", "dns"),
		usage, "named pipe (FIFO), not a regular file, so it was not read", false},
	{".env a named pipe, diagnose", inDir(func(t *testing.T, dir string) { fifo(t, dir, ".env") }, "diagnose", `{"error":"invalid_client"}`),
		found, "", false},
	{".env over 1 MiB, check", inDir(func(t *testing.T, dir string) {
		writeTemp(t, dir, ".env", "MUBAROKAH_CLIENT_ID=x\n"+strings.Repeat("#\n", 1<<19))
	}, "check", "--probe", "dns"), usage, "the limit is 1 MiB, so it was not read", false},
	{".env line that is only a secret, check", inDir(func(t *testing.T, dir string) {
		writeTemp(t, dir, ".env", "MUBAROKAH_CLIENT_ID=x\n"+plantedSecret+"\n")
	}, "check", "--probe", "dns"), usage, "line 2: unexpected character", false},
	// Terminal controls from outside.
	{"OSC 52 and OSC 0 in a paste", piped("HTTP/1.1 401 Unauthorized\x1b]52;c;ZXZpbA==\x07\n\n{\"error\":\"invalid_client\",\"message\":\"x\x1b]0;owned\x07\x1bc\"}", "diagnose"), found, "", false},
	{"C1 controls in a paste", piped("{\"error\":\"invalid_grant\",\"hint\":\"a\u009b2Jb\u009d52;c;eA==\u009cc\u0085\"}", "diagnose"), found, "", false},
	{"C1 controls in a paste, JSON", piped("{\"error\":\"invalid_grant\",\"hint\":\"a\u009b2Jb\u0085\"}", "diagnose", "--json"), found, "", true},
	{"controls spelled as JSON escapes", piped(`{"error":"invalid_grant","error_description":"\u001b]52;c;eA==\u0007x\u009b2J"}`, "diagnose"), found, "", false},
	{"controls in walk's report", fileArg("{\"error\":\"invalid_grant\",\"hint\":\"\x1b]0;t\x07h\"}", "walk", "--report", "md", "--evidence"), []int{exitUsage, exitOK, exitProblem}, "", false},
	{"controls in a flag value", args("diagnose", "--scope", "view-user\x1b]0;x\x07,\u009b2J"), found, "", false},
	{"controls in a token flag", args("diagnose", "--token", "eyJ\x1b[2Jabc.def.ghi"), found, "", false},
	{"controls in walk's answers", args("walk", "--answers", "4xx,\x1b]0;x\x07"), usage, "is not one of the choices", false},
	{"controls in a search", args("search", "\x1b]52;c;eA==\x07zzzqqq"), []int{exitProblem}, "nothing matches", false},
	{"unterminated OSC at the end", piped("{\"error\":\"invalid_client\"}\n\x1b]0;never ends", "diagnose"), found, "", false},
	// Secrets where they do not belong.
	{"a token as the command", args(plantedSecret), usage, "unknown command", false},
	{"a token as a flag", args("diagnose", "--"+plantedSecret), usage, "unknown flag", false},
	{"a token as shorthand flags", args("diagnose", "-"+plantedSecret), usage, "unknown shorthand flag", false},
	{"a token as a flag value", args("check", "--timeout", plantedSecret), usage, "is not a duration", false},
	{"a token as an error code", args("explain", plantedSecret), usage, "no entry", false},
	{"a token given as walk's answers", args("walk", "--answers", "4xx,"+plantedSecret), usage, "is not one of the choices", false},
	// Interrupted.
	{"ctrl+c while stdin never ends", interrupted("diagnose"), stopped, "interrupted", false},
	{"ctrl+c during live checks", interruptedCheck, stopped, "interrupted", false},
}

// TestBadInputs feeds every bad input to the program in process and counts those it
// mishandles: a wrong exit code, a missing message, a panic, a terminal control or a secret
// in the output.
func TestBadInputs(t *testing.T) {
	tried, mishandled := 0, 0
	for _, b := range badInputs {
		t.Run(b.name, func(t *testing.T) {
			tried++
			failed := false
			fail := func(format string, a ...any) {
				t.Helper()
				failed = true
				t.Errorf(format, a...)
			}
			inv := b.prep(t, t.TempDir())
			ctx := inv.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var r cliResult
			if inv.stdinR != nil {
				r = cliRunReader(t, ctx, inv.stdinR, inv.environ, inv.args...)
			} else {
				r = cliRun(t, ctx, inv.stdin, inv.environ, inv.args...)
			}
			all := r.out + r.errOut
			if !slices.Contains(b.codes, r.code) {
				fail("exit %d, want one of %v; stderr: %s", r.code, b.codes, r.errOut)
			}
			if b.says != "" && !strings.Contains(r.errOut, b.says) {
				fail("stderr lacks %q: %s", b.says, r.errOut)
			}
			if strings.Contains(all, "panic") || strings.Contains(all, "goroutine ") {
				fail("a panic: %s", all)
			}
			if c := control(all); c >= 0 {
				fail("control %U passed through: %q", c, all)
			}
			if piece := leak(all, plantedSecret); piece != "" {
				fail("the planted secret shows (%q): %s", piece, all)
			}
			if b.json && (r.code == exitOK || r.code == exitProblem) && !json.Valid([]byte(r.out)) {
				fail("stdout is not JSON: %s", r.out)
			}
			if failed {
				mishandled++
			}
		})
	}
	t.Logf("bad inputs: %d tried, %d mishandled", tried, mishandled)
}

func cliRunReader(t testing.TB, ctx context.Context, stdin io.Reader, environ []string, args ...string) cliResult {
	t.Helper()
	var r cliResult
	var out, errOut strings.Builder
	env := newEnv(stdin, &out, &errOut, environ)
	env.now = func() time.Time { return diagnoseNow }
	env.ctx = ctx
	r.code = run(args, env)
	r.out, r.errOut = out.String(), errOut.String()
	return r
}
