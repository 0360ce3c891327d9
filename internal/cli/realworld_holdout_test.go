package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The held-out corpora: real pastes collected apart from the tuning corpus (index-*.yaml),
// from sources and texts none of the other files contain; named heldout*.yaml so the tuning
// scorer's glob never reads them. Each file's labels were committed before the tool first read
// its pastes (see the file's git history), so its figures say how the matcher does on evidence
// nobody tuned it against. Nobody may tune against them either: a change that moves these
// figures is a change to look at, not to fit. Each file is scored on its own, against its own
// floors, so a later set's first measurement is not blurred by an older one.
const holdoutGlob = "heldout*.yaml"

// holdoutFloor holds what one held-out file has been measured at. Entry and cause are floors
// (they only go up); the false-positive figure is a ceiling on the pastes that are not OAuth
// errors yet get a diagnosis above the project's confidence bar.
type holdoutFloor struct {
	entry, cause, falsePositives int
}

// holdoutFloors names every held-out file and its measured figures; a heldout*.yaml without a
// row here fails, so a new set cannot slip in unscored.
var holdoutFloors = map[string]holdoutFloor{
	// holdout8, matcher at main 66cd306, each batch run once after its labels were committed:
	// entry right 80 of 92 (87.0 %), cause right 14 of 30 (46.7 %), no confident false positive.
	// Three threads were later left out because the tuning set gathered them too; on the 89
	// left the first run was entry 77, cause 14 of 30. Since then the matcher was changed
	// knowing its miss categories (not its texts), so it is no longer a clean held-out set:
	// these are today's figures as floors.
	"heldout.yaml": {entry: 87, cause: 29, falsePositives: 0},
	// Collector d (holdout2): 67 cases (8 negatives), labels fixed at 1a5d765 before any run.
	// First run (main 9fc96d7): entry right 47 of 67 (70.1 %), cause right 15 of 31 (48.4 %),
	// no confident false positive: the honest figure for pastes nobody tuned against.
	// The floors below come later, after looking at that run's misses (fix2: vocabulary and
	// parsing for their root causes, never the pastes' sentences), so they are no longer a
	// clean held-out measure; the first run above stays the clean figure.
	"heldout2.yaml": {entry: 67, cause: 31, falsePositives: 0},
	// Collector e (heldout3): 64 cases (6 negatives), Laravel side; labels fixed at f91aedd
	// before any run. First run (matcher at main 23072c6): entry right 48 of 64 (75.0 %),
	// cause right 5 of 16 (31.2 %), no confident false positive. Misses analysed by root cause
	// (not by text) for the matcher work that follows. The floors below come after fixes made
	// knowing those miss classes (fixparse: statuses, requests, hints and codes written in
	// words, Guzzle 3's block, a resource API's refusal, a person's guess not read as a reason;
	// never a paste's sentences), so they are no longer a clean held-out measure: the first
	// run above stays the clean figure. Raised after fixlast (league's denial sentence at the
	// consent step, a misspelt Authorization header, other servers' routes; again by class).
	"heldout3.yaml": {entry: 62, cause: 13, falsePositives: 0},
	// Collector h4 (heldout4): 70 cases (5 negatives) from servers and clients other than
	// Passport and league, labels fixed at 6ea6eeb before any run. First and only run (matcher
	// at main 23072c6): entry right 60 of 70 (85.7 %), cause right 15 of 27 (55.6 %), 3
	// confident false positives (a database timeout, a database connection refused and an
	// Apache 404 page read as network_timeout, connection_refused and resource_not_found).
	// Misses analysed by root cause (not by text) for the matcher work that follows. The
	// floors below come after fixes made knowing those miss classes (fixparse: a database's
	// record around a network phrase, a status page retold in words, wrapped error chains,
	// error shapes and credential values; never a paste's sentences), so they are no longer a
	// clean held-out measure: the first run above stays the clean figure. Raised after fixlast
	// (the same miss classes as heldout3's line says).
	"heldout4.yaml": {entry: 68, cause: 24, falsePositives: 0},
	// Collector h5 (heldout5): 64 cases (6 negatives), half Laravel side, half other servers and
	// clients, gathered while the matcher was changed from heldout3/heldout4's misses; labels fixed
	// at 327b4b8 before any run. Its one run, by the coordinator on the final matcher of that work
	// (main b31f735): entry right 54 of 64 (84.4 %), cause right 17 of 23 (73.9 %), no confident
	// false positive: the clean figure for that work (the matcher before it, main 23072c6, got
	// 53 and 17 on the same set). After that run, "Route [login] not defined." was settled as
	// the README's labelling rule says (heldout3's analysis had flagged the catalogue against
	// it): html_instead_of_json first unless the app answered it as JSON; then, from its misses'
	// classes, userinfo read as a resource and an API's "Unauthorized" (or a bare 401) as
	// token_invalid, a client library printing the state it got back as undefined, a timeout
	// curl reports a few ms past a short limit, a grant "restricted" for the client, "invalid
	// client" told in words outranking the grant's fate at Mubarokah ID. The floors
	// are today's.
	"heldout5.yaml": {entry: 60, cause: 22, falsePositives: 0},
}

// holdoutMinCases is the size below which a held-out file says too little to be worth a floor.
const holdoutMinCases = 60

func holdoutFiles(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "realworld", holdoutGlob))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no held-out corpus %s in testdata/realworld", holdoutGlob)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func loadRealIndex(t testing.TB, name string) []realCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "realworld", name))
	if err != nil {
		t.Fatal(err)
	}
	var rows []realCase
	if err := yaml.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// Every held-out file has floors, and no floors are kept for a file that is gone.
func TestRealWorldHoldoutLabelsHaveFloors(t *testing.T) {
	files := holdoutFiles(t)
	for _, name := range files {
		if _, ok := holdoutFloors[name]; !ok {
			t.Errorf("%s has no row in holdoutFloors; add one (0s until its first measured run)", name)
		}
	}
	for name := range holdoutFloors {
		if !slices.Contains(files, name) {
			t.Errorf("holdoutFloors names %s, which is not in testdata/realworld", name)
		}
	}
}

// The held-out labels name pastes that exist, links to check them against, and entries and
// causes the catalogue has; none repeats a source or file of the tuning corpus, nor of another
// held-out file.
func TestRealWorldHoldoutLabels(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tunedFiles, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "realworld", "index-*.yaml"))
	if err != nil || len(tunedFiles) < 2 {
		t.Fatalf("the tuning corpus index-*.yaml is missing (%v)", err)
	}
	// owner maps each source link and paste file to the index file that lists it.
	owner := map[string]string{}
	for _, path := range tunedFiles {
		name := filepath.Base(path)
		for _, r := range loadRealIndex(t, name) {
			owner[r.Source], owner[r.File] = name, name
		}
	}
	files := holdoutFiles(t)
	held := map[string][]realCase{}
	for _, name := range files {
		held[name] = loadRealIndex(t, name)
	}
	for _, name := range files {
		others := maps.Clone(owner)
		for _, other := range files {
			if other == name {
				continue
			}
			for _, r := range held[other] {
				others[r.Source], others[r.File] = other, other
			}
		}
		t.Run(name, func(t *testing.T) {
			checkHoldoutLabels(t, cat, held[name], others)
		})
	}
}

func checkHoldoutLabels(t *testing.T, cat *knowledge.Catalogue, cases []realCase, owner map[string]string) {
	if len(cases) < holdoutMinCases {
		t.Errorf("%d cases; a held-out corpus needs at least %d", len(cases), holdoutMinCases)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.File] || seen[c.Source] {
			t.Errorf("%s: file or source listed twice", c.File)
		}
		seen[c.File], seen[c.Source] = true, true
		if other, ok := owner[c.Source]; ok {
			t.Errorf("%s: source %s is already in %s", c.File, c.Source, other)
		}
		if other, ok := owner[c.File]; ok {
			t.Errorf("%s: file is already listed in %s", c.File, other)
		}
		if _, err := os.Stat(filepath.Join(repoRoot, "testdata", "realworld", c.File)); err != nil {
			t.Errorf("%s: %v", c.File, err)
		}
		if !strings.HasPrefix(c.Source, "https://") {
			t.Errorf("%s: source %q is not a link", c.File, c.Source)
		}
		if c.Family == "" || c.Shape == "" || c.Why == "" {
			t.Errorf("%s: family, shape and why are all required", c.File)
		}
		if c.Entry == "none" {
			if c.Cause != "" {
				t.Errorf("%s: a negative case has a cause", c.File)
			}
			continue
		}
		e, ok := cat.Entry(c.Entry)
		if !ok || e.Code != c.Entry {
			t.Errorf("%s: %q is not a catalogue entry", c.File, c.Entry)
			continue
		}
		if _, ok := e.Cause(c.Cause); c.Cause != "" && !ok {
			t.Errorf("%s: %q is not a cause of %s", c.File, c.Cause, c.Entry)
		}
	}
}

// The matcher on each held-out file: per expected entry, how often the first entry and the
// first cause are right, and which pastes that are not OAuth errors got a confident answer.
func TestRealWorldHoldoutScore(t *testing.T) {
	for _, name := range holdoutFiles(t) {
		t.Run(name, func(t *testing.T) {
			floor, ok := holdoutFloors[name]
			if !ok {
				t.Fatalf("%s has no row in holdoutFloors", name)
			}
			scoreHoldout(t, name, loadRealIndex(t, name), floor)
		})
	}
}

func scoreHoldout(t *testing.T, name string, cases []realCase, floor holdoutFloor) {
	total, falsePositives := scoreReal(t, name, cases)
	if total.entry < floor.entry {
		t.Errorf("%s: entry right for %d cases, below the %d measured before", name, total.entry, floor.entry)
	}
	if total.cause < floor.cause {
		t.Errorf("%s: cause right for %d cases, below the %d measured before", name, total.cause, floor.cause)
	}
	if len(falsePositives) > floor.falsePositives {
		t.Errorf("%s: %d pastes that are not OAuth errors got a diagnosis above %.0f%% confidence (at most %d)",
			name, len(falsePositives), 100*realFalsePositiveConfidence, floor.falsePositives)
	}
}
