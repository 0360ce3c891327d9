package lang

// Compiled is the compiled table as (English, Indonesian) pairs, for the test that holds it
// equal to the message file.
func Compiled() [][2]string {
	out := make([][2]string, len(indonesian))
	for i, m := range indonesian {
		out[i] = [2]string{m.EN, m.ID}
	}
	return out
}
