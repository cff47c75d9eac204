package web

import (
	"fmt"
	"html/template"
	"io"
	"time"

	"ruku/pipeline/dossier"
	"ruku/review/accounts"
	"ruku/review/decisions"
)

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"login", "error", "list", "application", "page", "publicity"}

// pages holds the parsed page templates.
type pages struct{ t map[string]*template.Template }

func parsePages() (*pages, error) {
	p := &pages{t: map[string]*template.Template{}}
	for _, n := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+n+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
		p.t[n] = t
	}
	return p, nil
}

func (p *pages) execute(w io.Writer, name string, v view) error {
	t, ok := p.t[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	return t.Execute(w, v)
}

// roleNames are the Chinese names of the roles.
var roleNames = map[accounts.Role]string{
	accounts.County: "县级审核", accounts.City: "市级推荐", accounts.Province: "省级审核",
	accounts.Auditor: "审计（只读）", accounts.Admin: "管理员",
}

func roleLabel(r accounts.Role) string {
	if l, ok := roleNames[r]; ok {
		return l
	}
	return string(r)
}

// regionName names a reviewer's region.
func (s *Server) regionName(u accounts.User) string {
	switch u.Role {
	case accounts.City:
		if c := s.ws.Table.CityByCode(u.Region); c != nil {
			return c.Name
		}
	case accounts.County:
		if n, ok := s.ws.Table.CountyName(u.Region); ok {
			return n
		}
	}
	return u.Region
}

var funcs = template.FuncMap{
	"statusCN":  func(s dossier.Status) string { return dossier.StatusLabel(s) },
	"verdictCN": dossier.VerdictLabel,
	"basisCN":   func(b dossier.Basis) string { return dossier.BasisLabel(b) },
	"methodCN":  func(m any) string { return dossier.MethodLabel(fmt.Sprint(m)) },
	"kindCN":    dossier.KindLabel,
	"stateCN":   func(s decisions.State) string { return label(decisions.ChineseLabels().States, s) },
	"stepCN":    func(s decisions.Step) string { return label(decisions.ChineseLabels().Steps, s) },
	"outcomeCN": func(o decisions.Outcome) string { return label(decisions.ChineseLabels().Outcomes, o) },
	"actionCN":  func(a decisions.Action) string { return label(decisions.ChineseLabels().Actions, a) },
	"roleCN":    func(r string) string { return roleLabel(accounts.Role(r)) },
	"count":     func(m map[dossier.Status]int, s string) int { return m[dossier.Status(s)] },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(cst).Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(cst).Format("2006-01-02 15:04:05")
	},
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
	"add": func(a, b int) int { return a + b },
}

// cst is the time zone dates are shown in (China Standard Time).
var cst = time.FixedZone("CST", 8*3600)

func label[K ~string](m map[K]string, k K) string {
	if l, ok := m[k]; ok {
		return l
	}
	return string(k)
}
