// Package conformance checks mubarokah-doctor against an independent OAuth 2.0 server.
//
// The server (package server) is built on ory/fosite; package client plays the
// application and its user's browser. The test in this directory builds the product from
// the parent directory, drives whole code flows with PKCE and refreshes, breaks them in
// each documented way, and asserts what `mubarokah-doctor check --json` says about each.
// It is a module of its own so that the product never depends on fosite; run it with
// `cd conformance && go test ./...`.
package conformance
