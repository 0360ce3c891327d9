package gosrc

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"slices"
	"strings"
)

// Tall prints a composite literal with every element and every field on a line of its own,
// so a value added to the data adds lines and a value changed changes one. Fields holding
// their zero value ("", 0, false, nil, a nil slice or map) and the fields named in omit are
// left out: the compiled value is the same, and a field set on one item does not show as a
// line on every other. Element types a slice or map already names are elided, as gofmt -s
// does.
func Tall(e ast.Expr, omit ...string) string {
	var b strings.Builder
	writeTall(&b, e, "", omit)
	return b.String()
}

func writeTall(b *strings.Builder, e ast.Expr, elem string, omit []string) {
	x, ok := e.(*ast.CompositeLit)
	if !ok {
		b.WriteString(src(e))
		return
	}
	if x.Type != nil && src(x.Type) != elem {
		b.WriteString(src(x.Type))
	}
	var inner string // the type of the elements, which they need not repeat
	switch t := x.Type.(type) {
	case *ast.ArrayType:
		inner = src(t.Elt)
	case *ast.MapType:
		inner = src(t.Value)
	}
	var elts []ast.Expr
	for _, el := range x.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if field, isField := kv.Key.(*ast.Ident); isField && (isZero(kv.Value) || slices.Contains(omit, field.Name)) {
				continue
			}
		}
		elts = append(elts, el)
	}
	if len(elts) == 0 {
		b.WriteString("{}")
		return
	}
	b.WriteString("{\n")
	for _, el := range elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			b.WriteString(src(kv.Key) + ": ")
			el = kv.Value
		}
		writeTall(b, el, inner, omit)
		b.WriteString(",\n")
	}
	b.WriteString("}")
}

// isZero reports a literal of a zero value as %#v writes it.
func isZero(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return x.Value == `""` || x.Value == "0"
	case *ast.Ident:
		return x.Name == "false" || x.Name == "nil"
	case *ast.CallExpr: // []string(nil), map[string]string(nil), Kind("")
		return len(x.Args) == 1 && isZero(x.Args[0])
	}
	return false
}

func src(n ast.Node) string {
	var buf bytes.Buffer
	_ = format.Node(&buf, token.NewFileSet(), n)
	return buf.String()
}
