package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const lille = "../../examples/lille.json"

func runDecl(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = runDeclaration(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDeclarationLilleFrench(t *testing.T) {
	code, out, stderr := runDecl(lille, "--lang", "fr", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"### Nécessaires\n",
		"| Service / Fournisseur | Fonction et emplacement | Noms des cookies | Finalités | Durée |\n",
		// Lille's cookie table, in French.
		"| Authentification (Opendatasoft) | Authentification (front et back office) | `sessionid` | Se souvenir de l'utilisateur d'une page à l'autre | 2 semaines |\n",
		"| Choix de la langue (Opendatasoft) | Sélection de la langue (front et back office) | `django_language` | Se souvenir de la langue du visiteur | Session |\n",
		"| Sécurité de l'API (CSRF) (Opendatasoft) | API (CSRF) (front et back office) | `csrftoken` | Récupérer des données via des appels à l'API | 1 an |\n",
		"| Préférences de cookies (Opendatasoft) | Choix relatifs à vos préférences en matière de cookies | `cookies_preferences` | Se souvenir des préférences du visiteur en matière de cookies | 6 mois |\n",
		"### Statistiques\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want empty", stderr)
	}
}

func TestDeclarationDefaults(t *testing.T) {
	// Default language is the policy's first (fr), default format Markdown.
	code, out, _ := runDecl(lille)
	if code != 0 || !strings.HasPrefix(out, "### Nécessaires\n") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestDeclarationFlagsBeforeFileAndHTML(t *testing.T) {
	code, out, stderr := runDecl("--format=html", "--lang", "EN", lille)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		`<section class="consent-declaration" lang="en" dir="ltr">`,
		"<h3>Necessary</h3>",
		"<caption>Necessary</caption>",
		`<th scope="col">Service / Provider</th>`,
		"<th scope=\"row\">Authentication (Opendatasoft)</th><td>Authentication (front and back office)</td><td><code>sessionid</code></td><td>To remember the user from one page to another</td><td>2 weeks</td></tr>",
		"To remember the visitor&#39;s language",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// No visitor, no choice column.
	if strings.Contains(out, "Your choice") {
		t.Errorf("output has a choice column:\n%s", out)
	}
}

func TestDeclarationHelp(t *testing.T) {
	for _, arg := range []string{"--help", "-h"} {
		code, out, stderr := runDecl(arg)
		if code != 0 || !strings.Contains(out, "usage: consent declaration FILE") || stderr != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", arg, code, out, stderr)
		}
	}
}

func TestDeclarationErrors(t *testing.T) {
	dir := t.TempDir()
	invalid := filepath.Join(dir, "invalid.json")
	if err := os.WriteFile(invalid, []byte(`{"revision": -1, "languages": ["de"], "categories": [], "services": [], "bogus": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte("{\n  \"revision\": 1,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string
	}{
		{"no file", nil, 2, []string{"missing the policy FILE", "usage:"}},
		{"two files", []string{lille, lille}, 2, []string{"one policy FILE expected"}},
		{"unknown flag", []string{"--colour", lille}, 2, []string{"unknown flag --colour", "--help lists the flags"}},
		{"flag without value", []string{lille, "--lang"}, 2, []string{"lang"}},
		{"unknown format", []string{lille, "--format", "pdf"}, 2, []string{`unknown format "pdf"`}},
		{"language not in policy", []string{lille, "--lang", "de"}, 2, []string{`language "de" is not in the policy; it has fr, en`}},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, 1, []string{"nope.json"}},
		{"invalid policy", []string{invalid}, 1, []string{"/revision", "/bogus"}},
		{"broken JSON", []string{broken}, 1, []string{"3:1: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runDecl(tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if out != "" {
				t.Errorf("stdout = %q, want empty", out)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
}

func TestDeclarationAfterDoubleDash(t *testing.T) {
	code, out, stderr := runDecl("--lang", "en", "--", lille)
	if code != 0 || !strings.HasPrefix(out, "### Necessary\n") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}
