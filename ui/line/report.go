package line

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// markdown is the session's report as flow writes it, scrubbed once more with the
// session's secrets (a secret that slipped into a pasted message is masked here too).
func (s *session) markdown() string {
	meta := flow.ReportMeta{Time: s.now(), BaseURL: s.cfg.BaseURL, ClientID: s.cfg.ClientID, Secrets: s.secrets}
	return s.secrets.Scrub(s.g.NewReport(s.state, meta).Markdown())
}

// report reads the report out, between lines that say where it starts and ends, and
// offers to save it.
func (s *session) report() error {
	if s.g == nil || !s.walked {
		s.out.say(s.t("There is no report yet: start a session from the home menu first."))
		return nil
	}
	md := s.markdown()
	s.out.blank()
	s.out.say(s.t("The report starts here. Saved, it is Markdown; here its tables are read row by row."))
	for _, l := range s.spoken(md) {
		s.out.say(l)
	}
	s.out.say(s.t("The report ends here."))
	s.out.blank()
	pick, err := s.choose(s.t("Save the report to a file?"), "", []option{
		{id: "save", alias: "y", label: s.t("Save it to a file.")},
		{id: "no", alias: "n", label: s.t("Do not save it now.")},
	}, false)
	if err != nil || pick == 1 {
		return err
	}
	_, err = s.saveReport()
	return err
}

// saveReport asks for a file name (Enter takes the one offered) and writes the report
// there, never over a file that exists. It reports whether it saved.
func (s *session) saveReport() (bool, error) {
	if s.g == nil || !s.walked {
		s.out.say(s.t("There is no report yet: start a session from the home menu first."))
		return false, nil
	}
	def := "mubarokah-doctor-report-" + s.now().UTC().Format("20060102-150405") + ".md"
	for {
		name, err := s.ask(s.tf("File name for the report (Enter for %s, or n to not save):", def), false)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(name) {
		case "":
			name = def
		case "n", "no", cmdBack:
			s.out.say(s.t("Not saved."))
			return false, nil
		}
		md := s.markdown()
		if err := writeNew(name, md); err != nil {
			switch {
			case errors.Is(err, fs.ErrExist):
				s.out.say(s.tf("%s already exists and is left as it is; give another name.", name))
			default:
				s.out.say(s.tf("Could not save: %s. Give another name, or n to not save.", err.Error()))
			}
			continue
		}
		abs, err := filepath.Abs(name)
		if err != nil {
			abs = name
		}
		s.kept = sessionKey(s.state)
		s.out.say(s.tf("Saved the report to %s. It holds no secrets.", abs))
		return true, nil
	}
}

// writeNew writes a file that must not exist yet, readable by its owner only.
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
