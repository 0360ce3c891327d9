package ui

import "github.com/mubarokah/mubarokah-doctor/flow"

// supportContacts are where a person escalates to Mubarokah ID support, as the provider's
// documentation gives them (source: docs-accounts.mubarokah.com, its introduction,
// quickstart and knowledge base pages). The e-mail, the report link and the status page
// are flow's, which the report names too.
var supportContacts = []struct{ how, where string }{
	{"E-mail, with the report attached:", flow.SupportEmail},
	{"Report an issue:", flow.SupportLink},
	{"Help Center:", "https://docs-accounts.mubarokah.com/kb/knowledgebase"},
	{"WhatsApp support:", "+62-811-1433-52"},
	{"Is it the provider? Status page:", flow.SupportStatusPage},
}
