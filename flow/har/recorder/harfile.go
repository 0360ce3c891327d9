package main

import (
	"bytes"
	"encoding/json"
	"time"
)

// The HAR 1.2 document as Chrome DevTools writes it with "Export HAR (with sensitive
// data)": its fields, in its order, with its "_"-prefixed additions. encoding/json keeps
// the declaration order, so the files read like DevTools' own.

type harFile struct {
	Log harLog `json:"log"`
}

type harLog struct {
	Version string     `json:"version"`
	Creator harCreator `json:"creator"`
	Pages   []harPage  `json:"pages"`
	Entries []harEntry `json:"entries"`
}

type harCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Comment names the browser build. DevTools writes no comment; HAR 1.2 allows one, and
	// the creator alone ("WebInspector 537.36") does not say which Chromium recorded it.
	Comment string `json:"comment,omitempty"`
}

type harPage struct {
	Started string         `json:"startedDateTime"`
	ID      string         `json:"id"`
	Title   string         `json:"title"`
	Timings harPageTimings `json:"pageTimings"`
}

type harPageTimings struct {
	OnContentLoad float64 `json:"onContentLoad"`
	OnLoad        float64 `json:"onLoad"`
}

type harEntry struct {
	ConnectionID string      `json:"_connectionId,omitempty"`
	FromCache    string      `json:"_fromCache,omitempty"`
	Initiator    any         `json:"_initiator"`
	Priority     string      `json:"_priority"`
	ResourceType string      `json:"_resourceType"`
	Cache        struct{}    `json:"cache"`
	Connection   string      `json:"connection,omitempty"`
	PageRef      string      `json:"pageref,omitempty"`
	Request      harRequest  `json:"request"`
	Response     harResponse `json:"response"`
	ServerIP     string      `json:"serverIPAddress"`
	Started      string      `json:"startedDateTime"`
	Time         float64     `json:"time"`
	Timings      harTimings  `json:"timings"`
	start        float64     // issue time in monotonic seconds, to order the entries
}

type harNameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harCookie struct {
	Name     string  `json:"name"`
	Value    string  `json:"value"`
	Path     string  `json:"path"`
	Domain   string  `json:"domain"`
	Expires  *string `json:"expires"`
	HTTPOnly bool    `json:"httpOnly"`
	Secure   bool    `json:"secure"`
	SameSite string  `json:"sameSite,omitempty"`
}

type harRequest struct {
	Method      string         `json:"method"`
	URL         string         `json:"url"`
	HTTPVersion string         `json:"httpVersion"`
	Headers     []harNameValue `json:"headers"`
	QueryString []harNameValue `json:"queryString"`
	Cookies     []harCookie    `json:"cookies"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int            `json:"bodySize"`
	PostData    *harPostData   `json:"postData,omitempty"`
}

type harPostData struct {
	MimeType string         `json:"mimeType"`
	Text     string         `json:"text"`
	Params   []harNameValue `json:"params,omitempty"`
}

type harResponse struct {
	Status      int64          `json:"status"`
	StatusText  string         `json:"statusText"`
	HTTPVersion string         `json:"httpVersion"`
	Headers     []harNameValue `json:"headers"`
	Cookies     []harCookie    `json:"cookies"`
	Content     harContent     `json:"content"`
	RedirectURL string         `json:"redirectURL"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int            `json:"bodySize"`
	Transfer    int            `json:"_transferSize"`
	Error       *string        `json:"_error"`
	ViaSW       bool           `json:"_fetchedViaServiceWorker"`
}

type harContent struct {
	Size        int    `json:"size"`
	MimeType    string `json:"mimeType"`
	Compression *int   `json:"compression,omitempty"`
	Text        string `json:"text,omitempty"`
	Encoding    string `json:"encoding,omitempty"`
}

type harTimings struct {
	Blocked         float64  `json:"blocked"`
	DNS             float64  `json:"dns"`
	SSL             float64  `json:"ssl"`
	Connect         float64  `json:"connect"`
	Send            float64  `json:"send"`
	Wait            float64  `json:"wait"`
	Receive         float64  `json:"receive"`
	BlockedQueueing float64  `json:"_blocked_queueing"`
	WorkerStart     *float64 `json:"_workerStart,omitempty"`
	WorkerReady     *float64 `json:"_workerReady,omitempty"`
	WorkerFetch     *float64 `json:"_workerFetchStart,omitempty"`
	WorkerSettled   *float64 `json:"_workerRespondWithSettled,omitempty"`
}

// encode writes the file as DevTools does: two-space indent, no HTML escaping.
func (f *harFile) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// wallJSON is a time as JavaScript's Date.toJSON writes it.
func wallJSON(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
