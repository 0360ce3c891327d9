package knowledge

// RewriteText applies f to every text of the observation that came from outside (a paste,
// a server, a recording): its fields, header values and fact details. Masking and the
// control-sequence filter both go through here, so a text field added to Observation is
// masked everywhere once it is listed in this one place.
func (o *Observation) RewriteText(f func(string) string) {
	for _, p := range []*string{&o.Method, &o.URL, &o.GrantType, &o.Error, &o.Description, &o.Hint,
		&o.Message, &o.ErrorURI, &o.Exception, &o.Text, &o.ContentType, &o.WWWAuthenticate,
		&o.Location, &o.State, &o.Code, &o.Transport, &o.TransportDetail} {
		*p = f(*p)
	}
	if len(o.Headers) > 0 {
		h := make(map[string]string, len(o.Headers))
		for k, v := range o.Headers {
			h[k] = f(v)
		}
		o.Headers = h
	}
	if len(o.Facts) > 0 {
		facts := make([]Fact, len(o.Facts))
		for i, fct := range o.Facts {
			facts[i] = Fact{Name: fct.Name, Detail: f(fct.Detail)}
		}
		o.Facts = facts
	}
}
