package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A server with a certificate it issued itself is named as such, not only as "an unknown
// authority", so the checklist leads with replacing that certificate.
func TestSelfSignedCertificateIsNamed(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := (&Prober{}).Run(context.Background(), testConfig(srv.URL, 5*time.Second), IDTLS)
	if !strings.Contains(r.Obs.TransportDetail, "self-signed certificate") {
		t.Fatalf("detail %q does not say self-signed", r.Obs.TransportDetail)
	}
	r.Diagnose(cat)
	if r.Diagnosis == nil || r.Diagnosis.Code != "tls_failure" || r.Diagnosis.TopCause() != "self_signed_certificate" {
		t.Fatalf("diagnosis %+v, want tls_failure/self_signed_certificate", r.Diagnosis)
	}
}
