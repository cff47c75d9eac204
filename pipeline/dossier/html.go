package dossier

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
)

//go:embed templates/dossier.html.tmpl
var templates embed.FS

var statusCN = map[Status]string{Pass: "通过", Fail: "不通过", NeedsReview: "需复核", Manual: "人工确认"}

var verdictCN = map[string]string{Eligible: "符合入库条件", Ineligible: "不符合入库条件", VerdictReview: "需人工复核"}

// basisCN words the basis of a non-pass criterion.
var basisCN = map[Basis]string{
	BelowThreshold: "读取到的数值未达要求", NotMet: "读取到的内容表明条件不满足", Absent: "所需材料缺失",
	NotFound: "材料在，但未能读取到所需内容", Conflicting: "两处读数不一致", OCROnly: "仅经OCR识别，结果不可靠",
	Unsure: "识别结果不可靠", UncertainFiles: "有文件未能可靠读取或分类", Incomplete: "所依据的材料未能完整读取",
	Stale: "证据已过期", NotCheckable: "无法自动核验",
}

var methodCN = map[string]string{"text": "文本层", "ocr": "OCR 识别", "sheet": "表格"}

// KindNames gives the Chinese name of each document kind for the HTML.
var kindNames = map[string]string{
	"application_form": "入库申请表", "overview": "单位情况概述", "license": "营业执照/登记证书",
	"premises": "不动产权证书或租赁合同", "policies": "服务管理制度", "service_history": "近两年服务情况",
	"expert_list": "专家名单", "partner_list": "合作机构名单", "staff": "主要人员基本情况表",
	"audit_report": "审计报告", "service_report": "上年度服务情况", "service_records": "服务企业明细",
	"credit_screenshot": "信用中国查询截图", "integrity_pledge": "诚信守法承诺", "declaration": "真实性声明", "other": "其他",
}

var refSourceCN = map[string]string{"form": "申请表申请日期", "manifest": "提交清单", "upload": "上传时间"}

type factRow struct{ Key, Value string }

type view struct {
	D *Dossier
}

func (v view) Generated() string  { return v.D.GeneratedAt.Format("2006-01-02 15:04:05 MST") }
func (v view) VerdictCN() string  { return verdictCN[v.D.Verdict] }
func (v view) Count(s string) int { return v.D.Counts[Status(s)] }
func (v view) RefSourceCN() string {
	s, _ := v.D.Facts["application.reference_date_source"].(string)
	return refSourceCN[s]
}

func (v view) Fact(key string) string { return factText(v.D.Facts[key]) }

func (v view) FactRows() []factRow {
	keys := make([]string, 0, len(v.D.Facts))
	for k := range v.D.Facts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([]factRow, len(keys))
	for i, k := range keys {
		rows[i] = factRow{k, factText(v.D.Facts[k])}
	}
	return rows
}

func factText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		return x
	case float64:
		return fmt.Sprintf("%.2f", x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

var funcs = template.FuncMap{
	"statusCN": func(s Status) string { return statusCN[s] },
	"basisCN":  func(b Basis) string { return basisCN[b] },
	"methodCN": func(m any) string { return methodCN[fmt.Sprint(m)] },
	"kindCN":   func(k string) string { return kindNames[k] },
	"deref":    func(s *string) string { return *s },
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12] + "…"
		}
		return s
	},
}

// HTML renders the dossier in Chinese for reviewers: the verdict first,
// then every criterion with its evidence, the facts and every input.
func (d *Dossier) HTML() ([]byte, error) {
	t, err := template.New("dossier.html.tmpl").Funcs(funcs).ParseFS(templates, "templates/dossier.html.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse dossier template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, view{d}); err != nil {
		return nil, fmt.Errorf("render dossier %s: %w", d.Bundle, err)
	}
	return b.Bytes(), nil
}
