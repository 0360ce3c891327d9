package flow

import (
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
)

// RunInputs runs, for each offline check given values (check name -> input name -> value),
// the check node of the graph that names it, as the wizard runs it at that node, and returns
// the results by check name for a replay (ReplayOptions.Checks). secrets are the given values
// the nodes mark secret, for the caller to mask wherever it prints.
func (g *Graph) RunInputs(given map[string]map[string]string, now time.Time) (results map[string]check.Result, secrets []string, err error) {
	results = map[string]check.Result{}
	for _, n := range g.Nodes {
		in, ok := given[n.Check]
		if n.Kind != KindCheck || !ok {
			continue
		}
		if _, done := results[n.Check]; done {
			continue
		}
		for _, spec := range n.Inputs {
			if spec.Secret && in[spec.Name] != "" {
				secrets = append(secrets, in[spec.Name])
			}
		}
		ev, err := RunCheck(n, in, now)
		if err != nil {
			return nil, secrets, err
		}
		results[n.Check] = ev.Check
	}
	return results, secrets, nil
}
