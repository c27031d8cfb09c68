// Package weight holds the tests that keep what every visitor downloads
// small: the wasm imports none of the packages that would link fmt,
// reflect, encoding/json or regexp into it, and web/dist's consent.wasm
// and consent.js stay within the size budget in web/budget.json. It has no
// code of its own; its tests run in `make test`.
package weight
