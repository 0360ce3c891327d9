package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version and commit are set at link time for a release:
//
//	go build -ldflags "-X github.com/mubarokah/mubarokah-doctor/internal/cli.version=v1.2.3 \
//	  -X github.com/mubarokah/mubarokah-doctor/internal/cli.commit=$(git rev-parse HEAD)"
//
// Otherwise they come from the build info: go build stamps the module version and the VCS
// revision when it builds with -buildvcs=true (some machines set GOFLAGS=-buildvcs=false).
var version, commit string

func newVersionCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: env.lang.T("Print the version and the commit it was built from"),
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(env.stdout, cmd.Root().Name(), versionString())
		},
	}
}

// versionString is what `version` and `--version` print after the program's name.
func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return describeVersion(version, commit, info)
}

// describeVersion is the version, then the commit in brackets when the version does not
// already name it: the link-time values first, else the build info's module version (not
// "(devel)") and vcs.revision (12 characters, "-dirty" when the tree had changes), else
// "devel".
func describeVersion(version, commit string, info *debug.BuildInfo) string {
	if info != nil {
		if version == "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		if commit == "" {
			commit = setting(info, "vcs.revision")
			if len(commit) > 12 {
				commit = commit[:12]
			}
			if commit != "" && setting(info, "vcs.modified") == "true" {
				commit += "-dirty"
			}
		}
	}
	if len(commit) > 12 && !strings.HasSuffix(commit, "-dirty") {
		commit = commit[:12]
	}
	if version == "" {
		version = "devel"
	}
	if commit == "" || strings.Contains(version, strings.TrimSuffix(commit, "-dirty")) {
		return version
	}
	return version + " (" + commit + ")"
}

func setting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}
