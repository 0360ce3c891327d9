package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "76833a38b5f0aa1122334455667788990011aabb"
	tests := []struct {
		name            string
		version, commit string
		info            *debug.BuildInfo
		want            string
	}{
		{"no build info", "", "", nil, "devel"},
		{"devel without vcs (-buildvcs=false)", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"devel with a revision", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")},
			"devel (76833a38b5f0)"},
		{"changed tree", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")},
			"devel (76833a38b5f0-dirty)"},
		{"pseudo-version names the revision", "", "", &debug.BuildInfo{
			Main: debug.Module{Version: "v0.0.0-20261206001529-76833a38b5f0"}, Settings: vcs(rev, "false")},
			"v0.0.0-20261206001529-76833a38b5f0"},
		{"go install of a tag", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3", Sum: "h1:x"}}, "v1.2.3"},
		{"tag built from a checkout", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: vcs(rev, "false")},
			"v1.2.3 (76833a38b5f0)"},
		{"link-time values win", "v2.0.0", rev, &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: vcs("ffff", "true")},
			"v2.0.0 (76833a38b5f0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeVersion(tt.version, tt.commit, tt.info); got != tt.want {
				t.Errorf("describeVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// version and --version say the same thing.
func TestVersionCommandAndFlagAgree(t *testing.T) {
	code, cmdOut, errOut := runCLI(t, "", "version")
	if code != exitOK {
		t.Fatalf("version: exit %d: %s", code, errOut)
	}
	code, flagOut, errOut := runCLI(t, "", "--version")
	if code != exitOK {
		t.Fatalf("--version: exit %d: %s", code, errOut)
	}
	want := "mubarokah-doctor " + versionString() + "\n"
	if cmdOut != want || flagOut != want {
		t.Errorf("version printed %q, --version %q; want both %q", cmdOut, flagOut, want)
	}
	if strings.Contains(cmdOut, "unknown") {
		t.Errorf("the version is %q", cmdOut)
	}
}
