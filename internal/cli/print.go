package cli

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// Everything a command prints goes through one of these, so text from outside (a paste, a
// server's answer, .env, a flag) reaches the terminal without a control sequence and without
// a secret the session knows, in any of its forms.

// printText writes text made for a person. Controls go first: one inside a secret would
// hide it from the scrubbing and then vanish on the screen.
func (e *appEnv) printText(w io.Writer, text string) error {
	_, err := io.WriteString(w, e.safeText(text))
	return err
}

// safeText is text as printText writes it.
func (e *appEnv) safeText(text string) string {
	return e.secrets.Scrub(redact.Printable(text))
}

// printJSON writes v as indented JSON: encoding/json escapes C0 controls, JSONSafe the C1
// ones and DEL, and every secret of the session is masked in every form, escaped ones
// included.
func (e *appEnv) printJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return &exitError{code: exitInternal, msg: e.lang.Tf("cannot encode the output: %v", err)}
	}
	_, err = io.WriteString(w, e.secrets.Scrub(redact.JSONSafe(string(data)))+"\n")
	return err
}

// safeMessage is an error message as it may be shown: a message can quote what the person
// typed, and cobra's own ("unknown command", "invalid argument") quote arguments whole, so
// an argument that looks like a secret (long, or a mix of letters and digits) is masked
// wherever it appears, on top of the session's secrets and anything labelled as one.
func (e *appEnv) safeMessage(msg string, args []string) string {
	msg = redact.Printable(msg)
	var opaque []string
	for _, arg := range args {
		if _, v, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(arg, "-") {
			arg = v // --flag=value: the value
		}
		arg = strings.TrimLeft(redact.Printable(arg), "-")
		// A secret has no space and is no path: evidence given as an argument, a file
		// name or a URL is shown (a URL's password and secret parameters are found below).
		if strings.ContainsAny(arg, " \t\n/\\") {
			continue
		}
		for _, a := range strings.Split(arg, ",") { // walk's answers come comma-separated
			if len(a) > 24 || len(a) >= 16 && redact.Cuttable(a) {
				opaque = append(opaque, a)
			}
		}
	}
	set := &redact.Set{}
	set.Add(opaque...)
	set.Add(evidence.Secrets(msg)...)
	return e.secrets.Scrub(set.Scrub(msg))
}
