package knowledge

import "slices"

// indexOtherLanguage adds entry i's text in the catalogue's other language to the search
// index, in the same fields as its own, so "kedaluwarsa" finds invalid_grant in the English
// catalogue and "expired" in the Indonesian one. cw, the entry's cause words, learns the
// other language's words too, so a query in either names the cause it describes.
func indexOtherLanguage(ix *searchIndex, other []*Entry, i int, cw [][]int32) {
	if i >= len(other) || other[i] == nil {
		return
	}
	o := other[i]
	text := func(s string, f field, sub int) {
		eachWord(s, func(w string) { ix.addOnce(w, posting{entry: int32(i), field: f, sub: uint16(min(sub, 1<<16-1))}) })
	}
	text(o.Title, fieldTitle, 0)
	for j, c := range o.Causes {
		if j >= len(cw) {
			break
		}
		text(c.Text, fieldCause, j)
		eachWord(c.Text, func(w string) { cw[j] = append(cw[j], ix.words[w]) })
		slices.Sort(cw[j])
		cw[j] = slices.Compact(cw[j])
	}
	text(o.Summary, fieldSummary, 0)
	for j, s := range o.Steps {
		text(s.Text, fieldStep, j)
	}
	for _, p := range o.Prevention {
		text(p, fieldPrevention, 0)
	}
}

// addOnce is add for a second pass over an entry: a word already standing in the same
// field of the same entry (in the first language) counts once, as add makes it within one
// pass.
func (ix *searchIndex) addOnce(w string, p posting) {
	if id, ok := ix.words[w]; ok {
		ps := ix.post[id]
		for k := len(ps) - 1; k >= 0 && ps[k].entry == p.entry; k-- {
			if ps[k].field == p.field {
				return
			}
		}
	}
	ix.add(w, p)
}
