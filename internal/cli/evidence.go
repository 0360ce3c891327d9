package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/internal/inputfile"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// inputSpec says how a command takes its evidence and names it in messages.
type inputSpec struct {
	flag       string // --file, --evidence
	cannotRead string // "cannot read evidence file"
	stdinHint  string // how to give stdin instead
	// stdinByDefault reads stdin when no evidence is named and stdin is not a terminal.
	stdinByDefault bool
}

var (
	diagnoseInput = inputSpec{flag: "--file", cannotRead: lang.N("cannot read evidence file"), stdinHint: lang.N("or pipe it on stdin"),
		stdinByDefault: true}
	walkInput = inputSpec{flag: "--evidence", cannotRead: lang.N("cannot read the evidence file"), stdinHint: lang.N("or - for stdin")}
)

// readEvidence is the one way a command reads evidence: the arguments and the files ("-"
// for stdin, and a lone "-" argument means stdin too), or stdin alone when the spec says so
// and nothing is named. The secrets the text quotes (labelled tokens, codes, secrets in a
// URL or a header) join the session's before anything is printed.
func readEvidence(env *appEnv, spec inputSpec, files, args []string) (string, error) {
	if len(args) == 1 && args[0] == "-" {
		files, args = append(files, "-"), nil
	}
	if spec.stdinByDefault && len(args) == 0 && len(files) == 0 && env.stdin != nil && !isTerminal(env.stdin) {
		files = []string{"-"}
	}
	text, err := readInputs(env, files, args, spec)
	if err != nil {
		return "", err
	}
	// A HAR is recognised by its shape wherever evidence is read: its cookies, session ids,
	// codes and tokens are secrets whatever their names.
	if secrets, ok := har.SecretsOf(text); ok {
		env.secrets.Add(secrets...)
	} else {
		env.secrets.Add(evidence.Secrets(text)...)
	}
	return text, nil
}

// readInputs joins evidence given as arguments, in files and on stdin ("-"), within
// evidence.MaxInput in all. Every file is looked at before any is read, so the total is
// known first: two hundred files of a megabyte are refused without reading one. A
// directory, a named pipe or a device is refused with what it is, and stdin is read up to
// what is left of the limit, giving up when the person presses ctrl+c.
func readInputs(env *appEnv, files, args []string, spec inputSpec) (string, error) {
	const limit = evidence.MaxInput
	// used counts what the input takes: the arguments, every file at the size it has now,
	// and stdin once read, each with the line break that joins it.
	used := -1
	for _, a := range args {
		used += len(a) + 1
	}
	sizes := make([]int, len(files))
	for i, f := range files {
		if f == "-" {
			continue
		}
		n, err := inputfile.Stat(f, limit)
		if err != nil {
			return "", inputError(f, spec, err)
		}
		sizes[i] = int(n)
		used += int(n) + 1
	}
	if used > limit {
		return "", usageErr("the evidence is %s in all; the limit is 1 MiB: give only the part that shows the error "+
			"(the response, the error line, the URL)", evidence.SizeText(used))
	}
	parts := append([]string(nil), args...)
	stdinRead := false
	for i, f := range files {
		var b []byte
		var err error
		switch {
		case f == "-" && stdinRead:
			continue
		case f == "-":
			stdinRead = true
			if b, err = readStdin(env, limit-max(used, 0), used <= 0); err != nil {
				return "", err
			}
			used += len(b) + 1
		default:
			// A file may have grown since it was looked at, by what is left and no more.
			if b, err = inputfile.Read(f, int64(sizes[i]+limit-max(used, 0))); err != nil {
				return "", inputError(f, spec, err)
			}
			used += len(b) - sizes[i]
		}
		parts = append(parts, string(b))
	}
	text := strings.Join(parts, "\n")
	if len(text) > limit {
		return "", usageErr("the evidence is %s in all; the limit is 1 MiB: give only the part that shows the error",
			evidence.SizeText(len(text)))
	}
	return text, nil
}

// inputError says why a named file was not read, and what to give instead.
func inputError(name string, spec inputSpec, err error) error {
	var refused *inputfile.Error
	switch {
	case errors.As(err, &refused) && errors.Is(err, inputfile.ErrNotRegular):
		kind := strings.TrimSuffix(strings.TrimPrefix(refused.Problem, "is "), ", not a regular file")
		return usageErr("%s is %s; give %s the file that holds the evidence, %s", name, said(kind), spec.flag, said(spec.stdinHint))
	case errors.As(err, &refused) && strings.HasSuffix(strings.ToLower(name), ".har"):
		return usageErr("%s %s: a browser's recording is read with --har %s (up to 50 MiB)", name, refused.Problem, name)
	case errors.As(err, &refused):
		return usageErr("%s %s: give only the part that shows the error (the response, the error line, the URL)",
			name, refused.Problem)
	}
	return usageErr("%s: %v", said(spec.cannotRead), err)
}

// readStdin reads stdin up to limit bytes; alone says stdin is the only input. The read runs
// aside so that ctrl+c ends the command even while stdin is a pipe nobody writes to.
func readStdin(env *appEnv, limit int, alone bool) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(env.stdin, int64(limit)+1))
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, usageErr("cannot read evidence from stdin: %v", r.err)
		}
		if len(r.b) > limit {
			what := env.lang.T("is over 1 MiB")
			if !alone {
				what = env.lang.T("takes the evidence over 1 MiB with the rest")
			}
			if harStart(r.b) {
				return nil, usageErr("the evidence in stdin %s and looks like a browser's HAR recording: "+
					"read it with --har - (up to 50 MiB)", what)
			}
			return nil, usageErr("the evidence in stdin %s; give only the part that shows the error "+
				"(the response, the error line, the URL)", what)
		}
		return r.b, nil
	case <-env.context().Done():
		return nil, fmt.Errorf("reading stdin: %w", env.context().Err())
	}
}

// harStart says whether data begins as a HAR does, {"log": …, for a message about input
// too big to read whole (its "entries" may lie past what was read).
func harStart(data []byte) bool {
	head := strings.TrimLeft(string(data[:min(len(data), 512)]), "\ufeff \t\r\n")
	return strings.HasPrefix(head, "{") && strings.Contains(head, `"log"`)
}

// The kinds of file internal/inputfile names (inputfile.Kind), said through said.
var _ = []string{lang.N("a directory"), lang.N("a named pipe (FIFO)"), lang.N("a character device"), lang.N("a device"),
	lang.N("a socket"), lang.N("a special file")}
