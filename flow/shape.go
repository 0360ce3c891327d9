package flow

import "sort"

// edges lists where a node can lead, with BranchTarget spelled out as every branch node.
func (g *Graph) edges(n *Node) []*Node {
	var out []*Node
	for _, id := range n.Targets() {
		if id == BranchTarget {
			out = append(out, g.BranchNodes()...)
			continue
		}
		if t := g.byID[id]; t != nil {
			out = append(out, t)
		}
	}
	return out
}

// reach walks the graph from start; stop, when given, is not walked past.
func (g *Graph) reach(start *Node, stop func(*Node) bool) map[*Node]bool {
	seen := map[*Node]bool{start: true}
	queue := []*Node{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if stop != nil && stop(n) {
			continue
		}
		for _, t := range g.edges(n) {
			if !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	return seen
}

// validateShape checks the graph as paths: every node reachable, every node with a way to
// an end, and no way to "fixed" that skips a result (a checklist needs a diagnosis).
func validateShape(g *Graph, fail func(*Node, int, string, ...any)) {
	start := g.byID[g.StartID]
	reached := g.reach(start, nil)
	for _, n := range g.Nodes {
		if !reached[n] {
			fail(n, 0, "cannot be reached from the start node %s; link it from a choice, next or on", g.StartID)
		}
	}
	// Nodes that can end: walk edges backwards from every terminal.
	back := map[*Node][]*Node{}
	for _, n := range g.Nodes {
		for _, t := range g.edges(n) {
			back[t] = append(back[t], n)
		}
	}
	canEnd := map[*Node]bool{}
	var queue []*Node
	for _, n := range g.Nodes {
		if n.Kind.Terminal() {
			canEnd[n] = true
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range back[n] {
			if !canEnd[p] {
				canEnd[p] = true
				queue = append(queue, p)
			}
		}
	}
	for _, n := range g.Nodes {
		if reached[n] && !canEnd[n] {
			fail(n, 0, "no path from here ends in a solved or escalate node (a dead end, or a loop with no way out)")
		}
	}
	beforeResult := g.reach(start, func(n *Node) bool { return n.Kind == KindResult })
	for _, n := range g.Nodes {
		if beforeResult[n] && (n.Kind == KindFix || n.Kind == KindSolved) {
			fail(n, 0, "can be reached without passing a result node, so there would be no checklist to apply")
		}
	}
}

// coverage lists the catalogue causes that no reachable result node names.
func coverage(g *Graph) []Gap {
	reached := g.reach(g.byID[g.StartID], nil)
	named := map[string]bool{}
	for _, n := range g.Nodes {
		if n.Kind == KindResult && reached[n] {
			for _, c := range n.Causes {
				named[n.Entry+"/"+c] = true
			}
		}
	}
	var gaps []Gap
	for _, e := range g.cat.Entries {
		for _, c := range e.Causes {
			if !named[e.Code+"/"+c.ID] {
				gaps = append(gaps, Gap{Entry: e.Code, Cause: c.ID, Source: e.Source()})
			}
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Entry < gaps[j].Entry })
	return gaps
}

// branches finds, for each result node, the first spine branch (in file order) from which
// it is reached without crossing another branch, so an evidence jump straight to a result
// still knows which branch to re-evaluate in.
func (g *Graph) branches() map[string]string {
	out := map[string]string{}
	for _, b := range g.BranchNodes() {
		seen := g.reach(b, func(n *Node) bool { return n != b && n.Branch })
		for _, n := range g.Nodes {
			if seen[n] && n.Kind == KindResult && out[n.ID] == "" {
				out[n.ID] = b.ID
			}
		}
	}
	return out
}
