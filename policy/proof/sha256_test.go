package proof

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// The policy's fingerprint in the proof of consent must be the SHA-256
// that `sha256sum policy.json` prints, or a site owner cannot match a
// record to the file that was served.
func TestSHA256HexMatchesCryptoSHA256(t *testing.T) {
	if got, want := SHA256Hex([]byte("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Fatalf("SHA256Hex(abc) = %s, want %s (FIPS 180-4 example)", got, want)
	}
	for n := 0; n < 300; n++ {
		data := []byte(strings.Repeat("é{x}", n)[:n])
		sum := sha256.Sum256(data)
		if got, want := SHA256Hex(data), hex.EncodeToString(sum[:]); got != want {
			t.Fatalf("length %d: SHA256Hex = %s, crypto/sha256 = %s", n, got, want)
		}
	}
}

func FuzzSHA256Hex(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte(strings.Repeat("a", 119)))
	f.Fuzz(func(t *testing.T, data []byte) {
		sum := sha256.Sum256(data)
		if got, want := SHA256Hex(data), hex.EncodeToString(sum[:]); got != want {
			t.Fatalf("SHA256Hex = %s, crypto/sha256 = %s", got, want)
		}
	})
}
