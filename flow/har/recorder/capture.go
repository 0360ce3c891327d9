package main

import (
	"context"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// requestHop is one request and its answer as the Network domain reported it. A redirect
// is a hop of its own: Chrome keeps the request id across the hops and reports each
// redirect's answer in the next hop's requestWillBeSent, and DevTools exports each hop as
// an entry.
type requestHop struct {
	id        network.RequestID
	req       *network.Request
	initiator *network.Initiator
	typ       network.ResourceType
	frameID   cdp.FrameID
	issued    float64 // monotonic seconds
	wall      float64 // seconds since the epoch at issued
	priority  string
	page      int // 1-based page load it belongs to; 0 none

	resp     *network.Response
	redirect bool    // resp is a redirect answer, taken from the next hop
	respAt   float64 // monotonic seconds the answer's headers arrived; -1 unknown
	end      float64 // monotonic seconds the hop ended; -1 unknown
	encoded  float64 // bytes on the wire, headers included
	cached   bool
	errText  string
	finished bool

	reqExtra  *network.EventRequestWillBeSentExtraInfo
	respExtra *network.EventResponseReceivedExtraInfo

	body     []byte
	base64   bool
	hasBody  bool
	post     []byte
	hasPost  bool
	postWait bool
}

// pageLoad is a navigation of the main frame, DevTools' "page".
type pageLoad struct {
	id             int
	started, wall  float64
	url            string
	docID          network.RequestID
	onContent, onL float64 // monotonic seconds, -1 not yet
}

// recording gathers the Network and Page events of one tab.
type recording struct {
	mu         sync.Mutex
	ctx        context.Context // the tab, for Network.getResponseBody
	hops       []*requestHop
	live       map[network.RequestID]*requestHop
	count      map[network.RequestID]int // hops seen per request id
	reqExtras  map[network.RequestID][]*network.EventRequestWillBeSentExtraInfo
	respExtras map[network.RequestID][]*network.EventResponseReceivedExtraInfo
	pages      []*pageLoad
	mainFrame  cdp.FrameID
	fetches    sync.WaitGroup
	inflight   map[network.RequestID]bool
	lastEvent  time.Time
}

func newRecording(ctx context.Context) *recording {
	return &recording{ctx: ctx, live: map[network.RequestID]*requestHop{}, count: map[network.RequestID]int{},
		reqExtras:  map[network.RequestID][]*network.EventRequestWillBeSentExtraInfo{},
		respExtras: map[network.RequestID][]*network.EventResponseReceivedExtraInfo{},
		inflight:   map[network.RequestID]bool{}, lastEvent: time.Now()}
}

// on is the tab's event listener. It must return fast: slow work goes to goroutines.
func (r *recording) on(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastEvent = time.Now()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.willBeSent(ev)
	case *network.EventRequestWillBeSentExtraInfo:
		r.reqExtras[ev.RequestID] = append(r.reqExtras[ev.RequestID], ev)
	case *network.EventResponseReceivedExtraInfo:
		r.respExtras[ev.RequestID] = append(r.respExtras[ev.RequestID], ev)
	case *network.EventResponseReceived:
		if h := r.live[ev.RequestID]; h != nil {
			h.resp = ev.Response
			h.respAt = float64(ev.Timestamp)
			if t := ev.Response.Timing; t != nil {
				h.respAt = t.RequestTime + t.ReceiveHeadersEnd/1000
			}
			h.cached = h.cached || ev.Response.FromDiskCache || ev.Response.FromPrefetchCache
			if p := r.pageOfDoc(ev.RequestID); p != nil {
				p.url = ev.Response.URL
			}
		}
	case *network.EventRequestServedFromCache:
		if h := r.live[ev.RequestID]; h != nil {
			h.cached = true
		}
	case *network.EventResourceChangedPriority:
		if h := r.live[ev.RequestID]; h != nil {
			h.priority = string(ev.NewPriority)
		}
	case *network.EventLoadingFinished:
		if h := r.live[ev.RequestID]; h != nil {
			h.end, h.encoded, h.finished = float64(ev.Timestamp), ev.EncodedDataLength, true
			delete(r.inflight, ev.RequestID)
			r.fetchBody(h)
		}
	case *network.EventLoadingFailed:
		if h := r.live[ev.RequestID]; h != nil {
			h.end, h.errText, h.finished = float64(ev.Timestamp), ev.ErrorText, true
			delete(r.inflight, ev.RequestID)
		}
	case *page.EventDomContentEventFired:
		if n := len(r.pages); n > 0 {
			r.pages[n-1].onContent = float64(ev.Timestamp)
		}
	case *page.EventLoadEventFired:
		if n := len(r.pages); n > 0 {
			r.pages[n-1].onL = float64(ev.Timestamp)
		}
	}
}

func (r *recording) willBeSent(ev *network.EventRequestWillBeSent) {
	if prev := r.live[ev.RequestID]; prev != nil && ev.RedirectResponse != nil {
		prev.resp, prev.redirect = ev.RedirectResponse, true
		prev.respAt, prev.end, prev.finished = float64(ev.Timestamp), float64(ev.Timestamp), true
		if t := ev.RedirectResponse.Timing; t != nil {
			prev.respAt = t.RequestTime + t.ReceiveHeadersEnd/1000
		}
		prev.encoded = ev.RedirectResponse.EncodedDataLength
	}
	h := &requestHop{id: ev.RequestID, req: ev.Request, initiator: ev.Initiator, typ: ev.Type, frameID: ev.FrameID,
		issued: float64(ev.Timestamp), wall: float64(ev.WallTime), priority: string(ev.Request.InitialPriority),
		respAt: -1, end: -1}
	if r.mainFrame == "" && ev.Type == network.ResourceTypeDocument {
		r.mainFrame = ev.FrameID
	}
	navigation := ev.Type == network.ResourceTypeDocument && ev.FrameID == r.mainFrame && string(ev.LoaderID) == string(ev.RequestID)
	if navigation && ev.RedirectResponse == nil {
		r.pages = append(r.pages, &pageLoad{id: len(r.pages) + 1, started: h.issued, wall: h.wall, url: ev.Request.URL,
			docID: ev.RequestID, onContent: -1, onL: -1})
	}
	if n := len(r.pages); n > 0 {
		h.page = r.pages[n-1].id
	}
	for _, e := range ev.Request.PostDataEntries {
		h.post = append(h.post, e.Bytes...)
		h.hasPost = true
	}
	if ev.Request.HasPostData && !h.hasPost {
		h.postWait = true
		r.fetchPost(h)
	}
	r.hops = append(r.hops, h)
	r.live[ev.RequestID] = h
	r.count[ev.RequestID]++
	r.inflight[ev.RequestID] = true
}

func (r *recording) pageOfDoc(id network.RequestID) *pageLoad {
	for i := len(r.pages) - 1; i >= 0; i-- {
		if r.pages[i].docID == id {
			return r.pages[i]
		}
	}
	return nil
}

// fetchBody asks for the body while Chrome still holds it, as DevTools does when the
// export is made with content.
func (r *recording) fetchBody(h *requestHop) {
	r.fetches.Go(func() {
		res, err := chromedp.Call(r.ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: h.id})
		r.mu.Lock()
		defer r.mu.Unlock()
		if err == nil {
			h.body, h.base64, h.hasBody = res.Body, res.Base64encoded, true
		}
	})
}

func (r *recording) fetchPost(h *requestHop) {
	r.fetches.Go(func() {
		res, err := chromedp.Call(r.ctx, network.GetRequestPostData, network.GetRequestPostDataParams{RequestID: h.id})
		r.mu.Lock()
		defer r.mu.Unlock()
		if err == nil {
			h.post, h.hasPost = res.PostData, true
		}
	})
}

// idle reports whether no request is open and nothing happened for quiet.
func (r *recording) idle(quiet time.Duration) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.inflight) == 0 && time.Since(r.lastEvent) >= quiet
}

// settle waits until the tab's network has been idle for quiet, or max has passed. A
// recorder, not a test: the browser gives no "done" signal for a page's own fetches.
func (r *recording) settle(ctx context.Context, quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if r.idle(quiet) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// assignExtras gives each hop the ExtraInfo events of its request id, in order: Chrome
// sends one pair per hop that went to the network.
func (r *recording) assignExtras() {
	seen := map[network.RequestID]int{}
	for _, h := range r.hops {
		if h.cached {
			continue // answered from the cache: nothing went on the wire
		}
		k := seen[h.id]
		seen[h.id]++
		if l := r.reqExtras[h.id]; k < len(l) {
			h.reqExtra = l[k]
		}
		if l := r.respExtras[h.id]; k < len(l) {
			h.respExtra = l[k]
		}
	}
}
