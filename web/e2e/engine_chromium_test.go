package e2e

// engineTab in Chromium: a chromedp context, the DevTools protocol.

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type cdpTab struct{ ctx context.Context }

func (c cdpTab) navigate(_ context.Context, u string) error {
	return chromedp.Do(c.ctx, chromedp.Navigate(u))
}

func (c cdpTab) back(_ context.Context) error {
	return chromedp.Do(c.ctx, chromedp.Evaluate[chromedp.Void](`history.back()`))
}

func (c cdpTab) evaluate(_ context.Context, expr string) (json.RawMessage, error) {
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[json.RawMessage](expr, chromedp.EvalAwaitPromise))
	var ee *chromedp.ExceptionError
	if errors.As(err, &ee) {
		return nil, &jsError{ee.Error()}
	}
	if len(v) == 0 {
		v = json.RawMessage("null")
	}
	return v, err
}

// actions dispatches the W3C action sequences as DevTools input events
// (the subset the tests use: a mouse click, keys with Shift).
func (c cdpTab) actions(_ context.Context, seqs []any) error {
	for _, s := range seqs {
		seq := s.(map[string]any)
		switch seq["type"] {
		case "pointer":
			var x, y float64
			for _, a := range seq["actions"].([]any) {
				act := a.(map[string]any)
				switch act["type"] {
				case "pointerMove":
					x, y = float64(act["x"].(int)), float64(act["y"].(int))
				case "pointerUp":
					if err := chromedp.Do(c.ctx, chromedp.MouseClickXY(x, y)); err != nil {
						return err
					}
				}
			}
		case "key":
			shift := false
			for _, a := range seq["actions"].([]any) {
				act := a.(map[string]any)
				v := act["value"].(string)
				if v == keyShift {
					shift = act["type"] == "keyDown"
					continue
				}
				if act["type"] != "keyDown" {
					continue
				}
				var opts []chromedp.KeyOption
				if shift {
					opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
				}
				if k, ok := map[string]string{keyTab: kb.Tab, keyEnter: kb.Enter, keyEsc: kb.Escape}[v]; ok {
					v = k
				}
				if err := chromedp.Do(c.ctx, chromedp.KeyEvent(v, opts...)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (c cdpTab) cookies(_ context.Context) ([]jarEntry, error) {
	id := chromedp.FromContext(c.ctx).BrowserContextID
	res, err := chromedp.CallBrowser(c.ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: id})
	if err != nil {
		return nil, err
	}
	var out []jarEntry
	for _, k := range res.Cookies {
		e := jarEntry{Name: k.Name, Value: k.Value, Domain: k.Domain, Path: k.Path, Session: k.Session,
			HTTPOnly: k.HTTPOnly, Secure: k.Secure, SameSite: string(k.SameSite)}
		if !k.Session {
			e.Expires = k.Expires
		}
		out = append(out, e)
	}
	return out, nil
}

func (c cdpTab) setCookie(_ context.Context, pageURL string, k jarEntry) error {
	u, err := url.Parse(pageURL)
	if err != nil {
		return err
	}
	path := k.Path
	if path == "" {
		path = "/"
	}
	p := network.SetCookieParams{Name: k.Name, Value: k.Value, Path: path, URL: u.Scheme + "://" + u.Host + "/",
		SameSite: network.CookieSameSite(k.SameSite)}
	if k.HTTPOnly {
		p.HTTPOnly = &k.HTTPOnly
	}
	if k.Expires > 0 {
		p.Expires = cdp.TimeSinceEpoch(k.Expires)
	}
	_, err = chromedp.Call(c.ctx, network.SetCookie, p)
	return err
}

func (c cdpTab) clearCookies(_ context.Context) error {
	id := chromedp.FromContext(c.ctx).BrowserContextID
	_, err := chromedp.CallBrowser(c.ctx, storage.ClearCookies, storage.ClearCookiesParams{BrowserContextID: id})
	return err
}

func (c cdpTab) sibling(_ context.Context) (engineTab, error) {
	n, _ := chromedp.NewContext(c.ctx)
	if err := chromedp.Do(n); err != nil {
		return nil, err
	}
	return cdpTab{n}, nil
}

func (c cdpTab) viewport(_ context.Context, w, h int) error {
	return chromedp.Do(c.ctx, chromedp.EmulateViewport(int64(w), int64(h)))
}

func (c cdpTab) screenshot(_ context.Context) ([]byte, error) {
	return chromedp.Run(c.ctx, chromedp.CaptureScreenshot())
}

func (c cdpTab) close() {}
