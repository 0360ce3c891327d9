// Package gosrc helps the generators that compile data files into Go source.
package gosrc

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
)

// Literal returns v as a Go composite literal for use inside package pkg: fmt's %#v
// qualifies every type with its package name ("flow.Node{...}"), which does not compile
// inside that package, so the qualifiers are removed from the syntax tree; string values
// that happen to contain "pkg." stay as they are.
func Literal(v any, pkg string) (string, error) {
	src := fmt.Sprintf("%#v", v)
	expr, err := parser.ParseExpr(src)
	if err != nil {
		return "", fmt.Errorf("gosrc: %%#v did not give Go syntax: %w", err)
	}
	expr = unqualify(expr, pkg)
	var b bytes.Buffer
	if err := format.Node(&b, token.NewFileSet(), expr); err != nil {
		return "", err
	}
	return b.String(), nil
}

func unqualify(expr ast.Expr, pkg string) ast.Expr {
	var out ast.Expr = expr
	ast.Inspect(expr, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			x.Type = strip(x.Type, pkg)
		case *ast.ArrayType:
			x.Elt = strip(x.Elt, pkg)
		case *ast.MapType:
			x.Key, x.Value = strip(x.Key, pkg), strip(x.Value, pkg)
		case *ast.CallExpr: // conversions such as flow.Kind("question")
			x.Fun = strip(x.Fun, pkg)
		case *ast.StarExpr:
			x.X = strip(x.X, pkg)
		}
		return true
	})
	return strip(out, pkg)
}

func strip(e ast.Expr, pkg string) ast.Expr {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == pkg {
			return sel.Sel
		}
	}
	return e
}
