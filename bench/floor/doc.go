// Package floor holds the bench's two floor programs: the smallest Go wasm
// that draws the banner's three buttons, once with syscall/js
// (floor/syscalljs) and once through safejs (floor/safejs). They are what
// standard Go costs before any consent logic: `make bench` builds both in
// the same run and reports this project against them.
//
// Each draws the same markup as web/src/ui.js (so consent.css styles it
// alike and the bench finds it by the same selectors), stores a choice in
// the cookie floor_consent on a click, and on a returning visit with
// "all" enables the page's gated scripts before anything else. floor.js
// is their loader, the counterpart of web/src/loader.js.
package floor
