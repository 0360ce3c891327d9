package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	out := flag.String("out", "../testdata/recorded", "directory the HAR files are written to")
	root := flag.String("root", "../../..", "the mubarokah-doctor repository (its sandbox is built from it)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium to drive")
	only := flag.String("only", "", "comma-separated scenario names to record (default: all)")
	list := flag.Bool("list", false, "list the scenarios and exit")
	flag.Parse()
	all := append(slices.Clone(sandboxScenarios), fositeScenarios...)
	if *list {
		for _, s := range all {
			fmt.Printf("%-30s %s\n", s.name, s.about)
		}
		return
	}
	if err := record(all, *out, *root, *chromium, *only); err != nil {
		fmt.Fprintln(os.Stderr, "recorder:", err)
		os.Exit(1)
	}
}

func record(all []scenario, out, root, chromium, only string) error {
	var picked []scenario
	for _, s := range all {
		if only == "" || slices.Contains(strings.Split(only, ","), s.name) {
			picked = append(picked, s)
		}
	}
	if len(picked) == 0 {
		return fmt.Errorf("no scenario named %q; -list shows them", only)
	}
	if _, err := os.Stat(chromium); err != nil {
		return fmt.Errorf("no Chromium at %s (apt-get install -y chromium): %w", chromium, err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "harrec-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	began := time.Now()
	bin, err := buildProduct(root, tmp)
	if err != nil {
		return err
	}
	fmt.Printf("built the product in %s\n", time.Since(began).Round(time.Millisecond))
	var failed []string
	for _, s := range picked {
		t0 := time.Now()
		size, entries, err := recordOne(s, bin, root, chromium, filepath.Join(out, s.name+".har"))
		if err != nil {
			fmt.Printf("%-30s FAILED: %v\n", s.name, err)
			failed = append(failed, s.name)
			continue
		}
		fmt.Printf("%-30s %3d entries %7d bytes %5.1fs\n", s.name, entries, size, time.Since(t0).Seconds())
	}
	fmt.Printf("recorded %d of %d scenarios in %s\n", len(picked)-len(failed), len(picked), time.Since(began).Round(time.Millisecond))
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s", strings.Join(failed, ", "))
	}
	return nil
}

// recordOne starts the app and the provider, drives a fresh browser through the
// scenario, and writes what the tab saw.
func recordOne(s scenario, bin, root, chromium, file string) (int, int, error) {
	l, err := freeListener()
	if err != nil {
		return 0, 0, err
	}
	base := "http://" + l.Addr().String()
	var p *provider
	if s.fosite {
		p, err = startFosite(root)
	} else {
		p, err = startSandbox(bin, []string{base + "/callback", base + "/spa/callback"}, s.faults)
	}
	if err != nil {
		l.Close()
		return 0, 0, err
	}
	defer p.stop()
	cfg := appConfig{provider: p, clientID: p.clientID, scope: "view-user", backendSecret: p.secret}
	if s.fosite {
		cfg.scope = "view-user"
	}
	if s.setup != nil {
		s.setup(&cfg)
	}
	a := newApp(base, cfg)
	srv := &http.Server{Handler: a.handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	defer srv.Shutdown(context.Background())

	t, err := openTab(chromium)
	if err != nil {
		return 0, 0, err
	}
	defer t.stop()
	if err := s.drive(&run{tab: t, app: a, p: p}); err != nil {
		return 0, 0, fmt.Errorf("driving the browser: %w", err)
	}
	har := t.finish()
	b, err := har.encode()
	if err != nil {
		return 0, 0, err
	}
	if len(har.Log.Entries) == 0 {
		return 0, 0, errors.New("the tab recorded no request")
	}
	if !bytes.Contains(b, []byte(cookieMarker)) {
		return 0, 0, errors.New("the app's session cookie (with its marker) is not in the recording")
	}
	return len(b), len(har.Log.Entries), os.WriteFile(file, b, 0o644)
}
