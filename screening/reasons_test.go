package screening

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

// codeForm is the shape of a reason code, as a string literal would spell one.
var codeForm = regexp.MustCompile(`^(party|destination|ip|item|data|input)\.[a-z0-9_]+$`)

// TestEveryEmittedCodeIsRegistered reads the engine's source: a reason is
// raised only through add and addOutcome, whose code is a rules.ReasonCode,
// so every emitted code is a registry constant unless a string literal
// stands in for one. The test forbids such literals and checks every
// registered code has an emitter, so a code added to the registry alone, or
// raised as a literal, fails here.
func TestEveryEmittedCodeIsRegistered(t *testing.T) {
	consts := registryConstants(t)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	used := map[rules.ReasonCode]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				if s, err := strconv.Unquote(n.Value); err == nil && codeForm.MatchString(s) {
					t.Errorf("%s: reason code %q spelled as a string: use the rules.Reason constant", fset.Position(n.Pos()), s)
				}
			case *ast.CallExpr:
				checkCitedCall(t, fset, consts, n)
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "rules" {
					if code, ok := consts[n.Sel.Name]; ok {
						used[code] = true
					}
				}
			}
			return true
		})
	}
	for _, r := range rules.Reasons() {
		if !used[r.Code] {
			t.Errorf("reason code %s is registered but nothing in package screening raises it", r.Code)
		}
	}
	for name, code := range consts {
		if !code.IsValid() {
			t.Errorf("rules.%s = %q has no registry entry", name, code)
		}
	}
}

// registryConstants returns the ReasonCode constants declared in
// rules/reasons.go by name.
func registryConstants(t *testing.T) map[string]rules.ReasonCode {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "rules", "reasons.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]rules.ReasonCode{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if typ, ok := vs.Type.(*ast.Ident); !ok || typ.Name != "ReasonCode" {
				continue
			}
			for i, n := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("rules.%s: not a string literal", n.Name)
				}
				v, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				consts[n.Name] = rules.ReasonCode(v)
			}
		}
	}
	if len(consts) != len(rules.Reasons()) {
		t.Errorf("%d ReasonCode constants, %d registry entries", len(consts), len(rules.Reasons()))
	}
	return consts
}

// checkCitedCall checks a reason with a fixed citation in the registry is
// raised through addCited, which adds that citation, and any other through
// add or addOutcome with a citation of its own.
func checkCitedCall(t *testing.T, fset *token.FileSet, consts map[string]rules.ReasonCode, call *ast.CallExpr) {
	t.Helper()
	fn, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	method := fn.Sel.Name
	if method != "add" && method != "addCited" {
		return
	}
	sel, ok := call.Args[0].(*ast.SelectorExpr)
	if !ok {
		return // a code chosen at run time (placeCodes): not fixed
	}
	code, ok := consts[sel.Sel.Name]
	if !ok {
		return
	}
	if fixed := code.Info().Fixed; fixed != (method == "addCited") {
		t.Errorf("%s: %s raised with %s; its registry citation is fixed: %v", fset.Position(call.Pos()), code, method, fixed)
	}
}
