// Package repocheck holds the tests that keep the repository a source
// tree: git tracks no executable, no build output and no large file
// outside the vendored data, and .gitignore covers every build output.
// It has no code of its own; its tests run in `make test`.
package repocheck
