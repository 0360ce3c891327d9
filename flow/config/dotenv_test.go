package config

import (
	"encoding/base64"
	"strings"
	"testing"
)

// A line that is nothing but a pasted secret is reported by its number alone.
func TestDotEnvLineThatIsASecretIsNotQuoted(t *testing.T) {
	for _, text := range []string{
		"MUBAROKAH_CLIENT_ID=abc\nZq8vN2xR4tY7wP1kLm3sD6fH\n",
		"export Zq8vN2xR4tY7wP1kLm3sD6fH\n",
		"'Zq8vN2xR4tY7wP1kLm3sD6fH'\n",
	} {
		_, err := Load(Inputs{Dir: writeDotEnv(t, text)})
		if err == nil {
			t.Fatalf("%q accepted", text)
		}
		if msg := err.Error(); strings.Contains(msg, "Zq8vN2xR") || !strings.Contains(msg, "line ") {
			t.Errorf("message %q", msg)
		}
	}
}

// A .env over the limit is refused with its size, not read in part.
func TestOversizeDotEnvIsRefusedWithItsSize(t *testing.T) {
	big := "MUBAROKAH_CLIENT_ID=abc\n" + strings.Repeat("# padding\n", MaxDotEnv/10+1)
	cfg, err := Load(Inputs{Dir: writeDotEnv(t, big)})
	if err == nil || !strings.Contains(err.Error(), "the limit is 1 MiB") || !strings.Contains(err.Error(), "not read") {
		t.Fatalf("err = %v, want the size and the limit", err)
	}
	if cfg.ClientID != "" {
		t.Errorf("part of the oversize .env was used: client id %q", cfg.ClientID)
	}
}

// The client secret is scrubbed inside the Basic credentials it makes with the client id.
func TestSecretSetScrubsTheBasicCredentials(t *testing.T) {
	c := Config{ClientID: "client-9", ClientSecret: "Zq8vN2xR4tY7wP1kLm3sD6fH"}
	basic := base64.StdEncoding.EncodeToString([]byte("client-9:Zq8vN2xR4tY7wP1kLm3sD6fH"))
	out := c.SecretSet().Scrub("Authorization: Basic " + basic)
	if strings.Contains(out, basic[8:24]) {
		t.Errorf("Scrub left the Basic credentials: %q", out)
	}
}
