package har

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// checkClientID looks at the client_id of an authorize request the provider refused as
// invalid_client. Passport answers the same for an unknown client and an unregistered
// redirect_uri, but a client_id that cannot be an id at all (a UUID with a letter that is
// no hexadecimal digit, a space or line break around it) was never registered, so the
// id is at fault, not the redirect_uri.
func checkClientID(f *found) {
	if f.obs.Error != "invalid_client" && f.e.resp.status != 401 {
		return
	}
	id, ok := get(f.params, "client_id", false)
	if !ok {
		return
	}
	if why := clientIDProblem(id); why != "" {
		f.finding(knowledge.FactClientIDMalformed, why, true)
	}
}

// clientIDProblem says why id cannot be a registered client id, or "" when it may be one.
func clientIDProblem(id string) string {
	if t := strings.TrimSpace(id); t != id && t != "" {
		return fmt.Sprintf("the client_id %q has a space or line break around it (copied from .env with it?): "+
			"the provider compares it whole, so no client has that id", id)
	}
	if strings.ContainsAny(id, `"'`) {
		return fmt.Sprintf("the client_id %q has quotes in it (quoted twice in .env?): no client has that id", id)
	}
	// A UUID's shape: 36 characters, dashes after the 8th, 12th, 16th and 20th digit.
	if len(id) != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-' {
		return ""
	}
	for i, r := range id {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return fmt.Sprintf("the client_id %q has the shape of a UUID but %q (character %d) is not a hexadecimal "+
				"digit, so it was mistyped (l for 1, O for 0?): no client has that id", id, r, i+1)
		}
	}
	return ""
}
