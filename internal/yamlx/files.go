package yamlx

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// EachFile hands parse the YAML document of every *.yaml file of dir in fsys, in name
// order, and gathers the problems: a file that cannot be read or parsed is one problem,
// "name: what is wrong", and the others' files are still read, so a translator sees every
// problem at once.
func EachFile(fsys fs.FS, dir string, parse func(name string, doc *yaml.Node) []error) []error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return []error{err}
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: ")))
			continue
		}
		errs = append(errs, parse(name, &doc)...)
	}
	return errs
}

// Short cuts a text quoted in a message to one line of about 60 characters.
func Short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
