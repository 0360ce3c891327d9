package knowledge

// statusPhrases reports whether a vocabulary item words nothing but HTTP status lines ("404
// Not Found"): a number and its reason phrase, which any web server's page carries.
func (v *Vocabulary) statusPhrases() bool {
	if len(v.Words) == 0 || len(v.Errors)+len(v.Exceptions)+len(v.Generic)+len(v.Near) > 0 || len(v.When) > 0 {
		return false
	}
	for _, w := range v.Words {
		if len(w) < 5 || w[3] != ' ' || w[0] < '1' || w[0] > '5' || w[1] < '0' || w[1] > '9' || w[2] < '0' || w[2] > '9' {
			return false
		}
	}
	return true
}
