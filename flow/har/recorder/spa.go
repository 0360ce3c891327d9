package main

// spaScript is the single-page app: it starts the sign-in with state and PKCE (S256), and
// on its callback checks the state, exchanges the code from the browser and reads the user.
// Its bugs are switched on by the flags of the page's configuration.
const spaScript = `"use strict";
const conf = JSON.parse(document.getElementById("cfg").textContent);
const cfg = conf.s, bug = conf.f;
const statusEl = document.getElementById("status");

function b64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function randomString(n) {
  const a = new Uint8Array(n);
  crypto.getRandomValues(a);
  return b64url(a);
}
async function challengeOf(verifier) {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(d));
}
function finish(outcome, text) {
  const p = document.createElement("p");
  p.id = "outcome";
  p.dataset.outcome = outcome;
  p.textContent = text;
  document.body.appendChild(p);
}

async function signIn() {
  const state = randomString(24), verifier = randomString(48);
  sessionStorage.setItem("oauth", JSON.stringify({ state, verifier }));
  const q = new URLSearchParams({
    client_id: cfg.clientId, redirect_uri: cfg.redirectUri, response_type: "code", scope: cfg.scope,
    state, code_challenge: await challengeOf(verifier), code_challenge_method: "S256",
  });
  location.assign(cfg.provider + "/oauth/authorize?" + q.toString());
}

async function exchange(code, verifier) {
  const body = new URLSearchParams({
    grant_type: "authorization_code", client_id: cfg.clientId, client_secret: cfg.clientSecret,
    redirect_uri: cfg.tokenRedirectUri || cfg.redirectUri, code_verifier: verifier, code,
  });
  const res = await fetch(cfg.provider + "/oauth/token", { method: "POST", headers: { Accept: "application/json" }, body });
  return { ok: res.ok, status: res.status, json: await res.json().catch(() => null) };
}

async function callback() {
  const p = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem("oauth") || "{}");
  if (p.get("error")) return finish("error", "Sign-in failed: " + p.get("error"));
  if (!p.get("state") || p.get("state") !== saved.state) return finish("error", "Invalid state");
  sessionStorage.removeItem("oauth");
  statusEl.textContent = "Signing in…";
  // The bug of pkce_mismatch: the verifier is made anew instead of read back.
  const verifier = bug.freshVerifier ? randomString(48) : saved.verifier;
  let tok = await exchange(p.get("code"), verifier);
  if (bug.exchangeTwice && tok.ok) {
    // The bug of code_reused: the effect that exchanges runs a second time.
    tok = await exchange(p.get("code"), verifier);
  }
  if (!tok.ok) return finish("error", "Token request failed: HTTP " + tok.status);
  const res = await fetch(cfg.provider + "/api/user", {
    headers: { Authorization: "Bearer " + tok.json.access_token, Accept: "application/json", "X-CSRF-Token": cfg.csrf },
  });
  if (!res.ok) return finish("error", "Could not read the user: HTTP " + res.status);
  const user = await res.json();
  finish("ok", "Signed in as " + user.name);
}

if (location.pathname.endsWith("/callback")) {
  callback().catch((e) => finish("error", String(e)));
} else {
  document.getElementById("signin").addEventListener("click", () => signIn().catch((e) => finish("error", String(e))));
}
`
