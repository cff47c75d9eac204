package rules

import (
	"regexp"
	"strings"

	"ruku/extractors/classify"
)

// This file is the one place that words findings in Chinese for reviewers.
// Each reason code has a text with {name} placeholders for its Args; the
// parameters named below are translated (a kind code to its Chinese name,
// a file list to names and why), the rest are placed as they are.

// Texts of Required and Observed.
const (
	ReqPolitical     Reason = "req_political"
	ReqRegistered    Reason = "req_registered"
	ReqLegalPerson   Reason = "req_legal_person"
	ReqOperating     Reason = "req_operating"
	ReqAudited       Reason = "req_audited"
	ReqFinancial     Reason = "req_financial"
	ReqCategories    Reason = "req_categories"
	ReqCount         Reason = "req_count"
	ReqArea          Reason = "req_area"
	ReqPremisesValid Reason = "req_premises_valid"
	ReqTotalAssets   Reason = "req_total_assets"
	ReqCredit        Reason = "req_credit"
	ReqMaterials     Reason = "req_materials"
	ReqIdentity      Reason = "req_identity"
	ReqDeclared      Reason = "req_declared"
	ReqReentry       Reason = "req_reentry"

	ObsValue        Reason = "obs_value"
	ObsCodeAddress  Reason = "obs_code_address"
	ObsAuditYear    Reason = "obs_audit_year"
	ObsFigure       Reason = "obs_figure"
	ObsCategories   Reason = "obs_categories"
	ObsArea         Reason = "obs_area"
	ObsCertificate  Reason = "obs_certificate"
	ObsLease        Reason = "obs_lease"
	ObsYuan         Reason = "obs_yuan"
	ObsOutcome      Reason = "obs_outcome"
	ObsCreditResult Reason = "obs_credit_result"
	ObsKinds        Reason = "obs_kinds"
	ObsApplicant    Reason = "obs_applicant"
	ObsDeclared     Reason = "obs_declared"
	ObsRemoved      Reason = "obs_removed"
	ObsNotRemoved   Reason = "obs_not_removed"
)

// Reason codes of findings.
const (
	ReasonManualPolitical           Reason = "manual_political"
	ReasonDivisionOutside           Reason = "division_outside"
	ReasonDivisionUnsure            Reason = "division_unsure"
	ReasonDomicileOutside           Reason = "domicile_outside"
	ReasonLicenseAbsent             Reason = "license_absent"
	ReasonCodeOrAddressNotFound     Reason = "code_or_address_not_found"
	ReasonDomicileUnknown           Reason = "domicile_unknown"
	ReasonRegisteredOK              Reason = "registered_ok"
	ReasonNotLegalPerson            Reason = "not_legal_person"
	ReasonEntityType                Reason = "entity_type"
	ReasonRegisteredAs              Reason = "registered_as"
	ReasonEntityTypeNotFound        Reason = "entity_type_not_found"
	ReasonEntityTypeUnknown         Reason = "entity_type_unknown"
	ReasonEstablishedAbsent         Reason = "established_absent"
	ReasonEstablishedNotFound       Reason = "established_not_found"
	ReasonEstablishedConflict       Reason = "established_conflict"
	ReasonEstablishedUnsure         Reason = "established_unsure"
	ReasonTooYoung                  Reason = "too_young"
	ReasonOperatingOK               Reason = "operating_ok"
	ReasonAuditYearUnread           Reason = "audit_year_unread"
	ReasonAuditYearMissing          Reason = "audit_year_missing"
	ReasonOpinionNotFound           Reason = "opinion_not_found"
	ReasonOpinionUnsure             Reason = "opinion_unsure"
	ReasonOpinionNotUnqualified     Reason = "opinion_not_unqualified"
	ReasonAuditedOK                 Reason = "audited_ok"
	ReasonFigureNotFound            Reason = "figure_not_found"
	ReasonFigureConflict            Reason = "figure_conflict"
	ReasonFigureUnsure              Reason = "figure_unsure"
	ReasonNetAssetsNonPositive      Reason = "net_assets_non_positive"
	ReasonTwoLosses                 Reason = "two_losses"
	ReasonFinancialOK               Reason = "financial_ok"
	ReasonFormAbsent                Reason = "form_absent"
	ReasonNoCategory                Reason = "no_category"
	ReasonNoNature                  Reason = "no_nature"
	ReasonCategoryNotFound          Reason = "category_not_found"
	ReasonNatureNotFound            Reason = "nature_not_found"
	ReasonCategoriesOK              Reason = "categories_ok"
	ReasonListAbsent                Reason = "list_absent"
	ReasonCounted                   Reason = "counted"
	ReasonRowsSkipped               Reason = "rows_skipped"
	ReasonCountIncomplete           Reason = "count_incomplete"
	ReasonCountBelow                Reason = "count_below"
	ReasonInvalidRows               Reason = "invalid_rows"
	ReasonOutOfWindowRows           Reason = "out_of_window_rows"
	ReasonPremisesNotRead           Reason = "premises_not_read"
	ReasonPremisesAbsent            Reason = "premises_absent"
	ReasonAreaNotFound              Reason = "area_not_found"
	ReasonAreaCounted               Reason = "area_counted"
	ReasonAreaNotValid              Reason = "area_not_valid"
	ReasonLeaseTermNotFound         Reason = "lease_term_not_found"
	ReasonAreaBelow                 Reason = "area_below"
	ReasonAreaBelowOCR              Reason = "area_below_ocr"
	ReasonHolderOther               Reason = "holder_other"
	ReasonLeaseDateUnsure           Reason = "lease_date_unsure"
	ReasonLeaseExpired              Reason = "lease_expired"
	ReasonLeaseNotBegun             Reason = "lease_not_begun"
	ReasonPremisesValidOK           Reason = "premises_valid_ok"
	ReasonTotalAssetsBelow          Reason = "total_assets_below"
	ReasonTotalAssetsOK             Reason = "total_assets_ok"
	ReasonCreditListUnread          Reason = "credit_list_unread"
	ReasonCreditMissing             Reason = "credit_missing"
	ReasonCreditOtherSubject        Reason = "credit_other_subject"
	ReasonCreditListed              Reason = "credit_listed"
	ReasonCreditListedSubjectUnsure Reason = "credit_listed_subject_unsure"
	ReasonCreditListedUnsure        Reason = "credit_listed_unsure"
	ReasonCreditUnreadable          Reason = "credit_unreadable"
	ReasonCreditOutcomeUnsure       Reason = "credit_outcome_unsure"
	ReasonCreditSubjectUnsure       Reason = "credit_subject_unsure"
	ReasonCreditDateNotFound        Reason = "credit_date_not_found"
	ReasonCreditStale               Reason = "credit_stale"
	ReasonCreditClear               Reason = "credit_clear"
	ReasonKindMissing               Reason = "kind_missing"
	ReasonMaterialsOK               Reason = "materials_ok"
	ReasonApplicantAbsent           Reason = "applicant_absent"
	ReasonApplicantNotFound         Reason = "applicant_not_found"
	ReasonNameOther                 Reason = "name_other"
	ReasonNameOCRNote               Reason = "name_ocr_note"
	ReasonNameNoApplicant           Reason = "name_no_applicant"
	ReasonNameNotRead               Reason = "name_not_read"
	ReasonNameUSCCConflict          Reason = "name_uscc_conflict"
	ReasonNameOCRUnsure             Reason = "name_ocr_unsure"
	ReasonNameDoubt                 Reason = "name_doubt"
	ReasonNameLeftovers             Reason = "name_leftovers"
	ReasonNameNotOrg                Reason = "name_not_org"
	ReasonCodeOther                 Reason = "code_other"
	ReasonCodeUnsure                Reason = "code_unsure"
	ReasonIdentityOK                Reason = "identity_ok"
	ReasonNoDeclaration             Reason = "no_declaration"
	ReasonDeclaredEvidenceUnread    Reason = "declared_evidence_unread"
	ReasonDeclaredAboveIncomplete   Reason = "declared_above_incomplete"
	ReasonDeclaredAbove             Reason = "declared_above"
	ReasonDeclaredAboveOCR          Reason = "declared_above_ocr"
	ReasonDeclaredListAbsent        Reason = "declared_list_absent"
	ReasonDeclaredOK                Reason = "declared_ok"
	ReasonNoRegister                Reason = "no_register"
	ReasonRemoved                   Reason = "removed"
	ReasonNotRemoved                Reason = "not_removed"
	ReasonUncertainFiles            Reason = "uncertain_files"
)

// texts words each reason.
var texts = map[Reason]string{
	ReqPolitical:     "拥护中国共产党的领导，诚信守法",
	ReqRegistered:    "统一社会信用代码登记管理机关行政区划码为{prefix}（河北省），住所在河北省",
	ReqLegalPerson:   "具有独立法人资格（非个体工商户、合伙企业、个人独资企业或分支机构）",
	ReqOperating:     "成立满{years}年之日不晚于基准日 {ref}",
	ReqAudited:       "{y}年度和{y0}年度审计报告均为无保留意见",
	ReqFinancial:     "{y}年末净资产大于0；{y}年度和{y0}年度未连续亏损",
	ReqCategories:    "至少勾选一项服务类别，并勾选服务性质（{natures}）",
	ReqCount:         "不少于{min}{unit}",
	ReqArea:          "基准日 {ref} 有效的服务场所面积不少于{min}平方米",
	ReqPremisesValid: "每份场所文件的权利人或承租人均为申请单位；租赁期限覆盖基准日 {ref}",
	ReqTotalAssets:   "{year}年末资产总计不少于{min}元",
	ReqCredit:        "{list}：申请单位无记录，查询日期在基准日 {ref} 前{days}日内",
	ReqMaterials:     "第七条规定的各类申请材料齐全；两个年度的审计报告；四类信用中国查询截图",
	ReqIdentity:      "入库申请表、营业执照、审计报告、场所文件和信用中国查询截图上的名称与统一社会信用代码一致",
	ReqDeclared:      "申报数量不超过佐证数量；申报金额和面积不超过佐证值 × {tol}",
	ReqReentry:       "基准日 {ref} 前{years}年内未被移出资源库",

	ObsValue:        "{v}",
	ObsCodeAddress:  "统一社会信用代码 {code}；住所 {addr}",
	ObsAuditYear:    "{year}年度：{opinion}",
	ObsFigure:       "{year}年{what} {v}元",
	ObsCategories:   "类别 {cats}；性质 {nature}",
	ObsArea:         "{v}平方米",
	ObsCertificate:  "{holder} 不动产权证书",
	ObsLease:        "{holder} {start}–{end}",
	ObsYuan:         "{v}元",
	ObsOutcome:      "{outcome}",
	ObsCreditResult: "{outcome} {date}",
	ObsKinds:        "应提交{want}类，已提交{have}类",
	ObsApplicant:    "{name} {code}",
	ObsDeclared:     "{what} {declared}/{ev}",
	ObsRemoved:      "于 {on} 移出",
	ObsNotRemoved:   "不在移出机构名单中",

	ReasonManualPolitical:           "无法自动核验，由审核人员确认（参见法定代表人诚信守法承诺书）",
	ReasonDivisionOutside:           "统一社会信用代码登记管理机关行政区划码 {division} 不在河北省",
	ReasonDivisionUnsure:            "统一社会信用代码 {code} 校验不通过，行政区划码无法可靠识别",
	ReasonDomicileOutside:           "住所在{place}，不在河北省",
	ReasonLicenseAbsent:             "申请材料中没有营业执照或登记证书",
	ReasonCodeOrAddressNotFound:     "未能在 {files} 中识别统一社会信用代码或住所",
	ReasonDomicileUnknown:           "无法判断住所“{addr}”是否在河北省",
	ReasonRegisteredOK:              "登记管理机关行政区划码 {division}，住所在{place}",
	ReasonNotLegalPerson:            "主体类型“{type}”不具有独立法人资格（{word}）",
	ReasonEntityType:                "主体类型：{type}",
	ReasonRegisteredAs:              "登记为{kind}",
	ReasonEntityTypeNotFound:        "未能在 {files} 中识别主体类型",
	ReasonEntityTypeUnknown:         "无法判断主体类型“{type}”是否具有独立法人资格",
	ReasonEstablishedAbsent:         "申请材料中没有营业执照，入库申请表上也没有成立日期",
	ReasonEstablishedNotFound:       "未能在 {files} 中识别成立日期",
	ReasonEstablishedConflict:       "成立日期两处读数不一致：{apath} 为 {a}，{bpath} 为 {b}",
	ReasonEstablishedUnsure:         "成立日期识别为 {est}（于 {due} 满{years}年），但识别结果不可靠",
	ReasonTooYoung:                  "成立于 {est}，于 {due} 满{years}年，晚于基准日",
	ReasonOperatingOK:               "成立于 {est}，于 {due} 满{years}年",
	ReasonAuditYearUnread:           "未找到{year}年度审计报告；{files} 的审计年度未能识别",
	ReasonAuditYearMissing:          "缺少{year}年度审计报告",
	ReasonOpinionNotFound:           "未能在 {path} 中识别{year}年度审计意见",
	ReasonOpinionUnsure:             "{path} 的{year}年度审计意见识别为{opinion}，但识别结果不可靠",
	ReasonOpinionNotUnqualified:     "{year}年度审计报告为{opinion}",
	ReasonAuditedOK:                 "两个年度均经审计，且均为无保留意见",
	ReasonFigureNotFound:            "未能在 {path} 中识别{year}年{what}",
	ReasonFigureConflict:            "{year}年{what}两处读数不一致：{apath} 为 {a}元，{bpath} 为 {b}元",
	ReasonFigureUnsure:              "{path} 的{year}年{what}识别为 {v}元，但识别结果不可靠",
	ReasonNetAssetsNonPositive:      "{year}年末净资产为{v}元（不大于0）",
	ReasonTwoLosses:                 "{y}年度（净利润{p1}元）和{y0}年度（净利润{p0}元）均为净亏损",
	ReasonFinancialOK:               "净资产为正，且未连续两年亏损",
	ReasonFormAbsent:                "申请材料中没有入库申请表",
	ReasonNoCategory:                "入库申请表未勾选服务类别",
	ReasonNoNature:                  "入库申请表未勾选服务性质",
	ReasonCategoryNotFound:          "未能在 {files} 中找到服务类别一栏",
	ReasonNatureNotFound:            "未能在 {files} 中找到服务性质一栏",
	ReasonCategoriesOK:              "已填报服务类别和服务性质",
	ReasonListAbsent:                "申请材料中没有{kind}",
	ReasonCounted:                   "按{kind}计入{n}{unit}",
	ReasonRowsSkipped:               "{n}行未计入：{rows}",
	ReasonCountIncomplete:           "数量不足，但以下文件未能完整读取，计数可能不全：{files}",
	ReasonCountBelow:                "计入{n}{unit}，少于{min}{unit}",
	ReasonInvalidRows:               "{n}行统一社会信用代码无效，未计入",
	ReasonOutOfWindowRows:           "{n}行服务日期不在统计期内或未填写，未计入",
	ReasonPremisesNotRead:           "未能在 {files} 中识别租赁合同或不动产权证书的内容",
	ReasonPremisesAbsent:            "申请材料中没有租赁合同或不动产权证书",
	ReasonAreaNotFound:              "未能在 {path} 中识别面积",
	ReasonAreaCounted:               "{path} {area}平方米",
	ReasonAreaNotValid:              "{path} {area}平方米（基准日不在有效期内，未计入）",
	ReasonLeaseTermNotFound:         "未能在 {path} 中识别租赁期限",
	ReasonAreaBelow:                 "基准日有效的服务场所面积合计{v}平方米，少于{min}平方米",
	ReasonAreaBelowOCR:              "基准日有效的服务场所面积合计{v}平方米，少于{min}平方米，但面积仅经OCR识别，需人工核对",
	ReasonHolderOther:               "{path} 的权利人或承租人为“{name}”，不是申请单位“{applicant}”",
	ReasonLeaseDateUnsure:           "{path} 的租赁期限识别为 {start}–{end}，但识别结果不可靠",
	ReasonLeaseExpired:              "租赁合同 {path} 已于 {end} 到期，早于基准日 {ref}",
	ReasonLeaseNotBegun:             "租赁合同 {path} 自 {start} 起租，晚于基准日 {ref}",
	ReasonPremisesValidOK:           "场所属申请单位，且在基准日有效",
	ReasonTotalAssetsBelow:          "资产总计{v}元，低于{min}元",
	ReasonTotalAssetsOK:             "资产总计取自经审计的财务报表",
	ReasonCreditListUnread:          "未找到信用中国「{list}」查询结果；以下查询截图未能识别所查名单：{files}",
	ReasonCreditMissing:             "申请材料中没有信用中国「{list}」查询结果",
	ReasonCreditOtherSubject:        "{path}：查询对象为“{subject}”（{code}），不是申请单位",
	ReasonCreditListed:              "{path}：查询结果显示有记录",
	ReasonCreditListedSubjectUnsure: "{path}：查询结果显示有记录，但查询对象“{subject}”无法可靠识别",
	ReasonCreditListedUnsure:        "{path}：查询结果似显示有记录，但识别结果不可靠",
	ReasonCreditUnreadable:          "{path}：查询结果无法识别",
	ReasonCreditOutcomeUnsure:       "{path}：查询结果识别为无记录，但识别结果不可靠",
	ReasonCreditSubjectUnsure:       "{path}：查询对象“{subject}”无法可靠识别",
	ReasonCreditDateNotFound:        "{path}：无法识别查询日期",
	ReasonCreditStale:               "{path}：查询日期 {date} 不在 {lo} 至 {ref} 之间",
	ReasonCreditClear:               "{path}：无记录，查询日期 {date}",
	ReasonKindMissing:               "缺少{kind}",
	ReasonMaterialsOK:               "申请材料齐全",
	ReasonApplicantAbsent:           "申请材料中没有入库申请表和营业执照，无法确定申请单位",
	ReasonApplicantNotFound:         "未能在 {files} 中识别申请单位名称",
	ReasonNameOther:                 "{doc} {path} 载明的名称为“{name}”，与申请单位“{applicant}”不一致",
	ReasonNameOCRNote:               "{doc} {path} 的OCR识别结果“{name}”视为申请单位",
	ReasonNameNoApplicant:           "{doc} {path} 的名称“{name}”无法与申请单位比对（申请单位名称未识别）",
	ReasonNameNotRead:               "未能在{doc} {path} 中识别名称",
	ReasonNameUSCCConflict:          "{doc} {path} 的名称“{name}”与申请单位相近，但同页的统一社会信用代码不同",
	ReasonNameOCRUnsure:             "{doc} {path} 的名称经OCR识别为“{name}”，与申请单位“{applicant}”不同，需人工核对",
	ReasonNameDoubt:                 "{doc} {path} 的名称识别为“{name}”，但识别结果不可靠",
	ReasonNameLeftovers:             "{doc} {path} 的名称识别为“{name}”，含申请单位名称以外的文字，需人工核对",
	ReasonNameNotOrg:                "{doc} {path} 的名称识别为“{name}”，不像单位名称，需人工核对",
	ReasonCodeOther:                 "{doc} {path} 的统一社会信用代码 {code} 与申请单位的 {applicant} 不一致",
	ReasonCodeUnsure:                "{doc} {path} 的统一社会信用代码识别为 {code}，与申请单位的 {applicant} 不同，但识别结果不可靠",
	ReasonIdentityOK:                "名称与统一社会信用代码一致",
	ReasonNoDeclaration:             "没有入库申请表，无申报数据可比对",
	ReasonDeclaredEvidenceUnread:    "{what}申报 {declared}，但佐证无法识别",
	ReasonDeclaredAboveIncomplete:   "{what}申报 {declared}，超过佐证 {ev}，但以下文件未能完整读取：{files}",
	ReasonDeclaredAbove:             "{what}申报 {declared}，超过佐证 {ev}（容差 × {tol}）",
	ReasonDeclaredAboveOCR:          "{what}申报 {declared}，超过佐证 {ev}，但佐证仅经OCR识别，需人工核对",
	ReasonDeclaredListAbsent:        "{what}申报 {declared}，但申请材料中没有{kind}",
	ReasonDeclaredOK:                "申报数据均未超过佐证",
	ReasonNoRegister:                "未配置移出机构名单，由审核人员核查",
	ReasonRemoved:                   "于 {on} 移出资源库（{reason}）；{until} 前不得再次入库",
	ReasonNotRemoved:                "已核对移出机构名单{n}条",
	ReasonUncertainFiles:            "以下文件未能可靠读取或分类，可能即为所缺材料：{files}",
}

var kindCN = map[classify.Kind]string{
	classify.ApplicationForm: "入库申请表", classify.Overview: "单位情况概述", classify.License: "营业执照/登记证书",
	classify.Premises: "不动产权证书或租赁合同", classify.Policies: "服务管理制度", classify.ServiceHistory: "近两年服务情况",
	classify.ExpertList: "专家名单", classify.PartnerList: "合作机构名单", classify.Staff: "主要人员基本情况表",
	classify.AuditReport: "审计报告", classify.ServiceReport: "上年度服务情况", classify.ServiceRecords: "服务企业明细",
	classify.CreditScreenshot: "信用中国查询截图", classify.IntegrityPledge: "诚信守法承诺", classify.Declaration: "真实性声明",
	classify.Other: "其他",
}

// KindName is the Chinese name of a document kind.
func KindName(k classify.Kind) string { return kindCN[k] }

// words translates the coded parameters: opinions, outcomes, figures,
// document kinds and why a file is uncertain.
var words = map[string]map[string]string{
	"opinion": {"unqualified": "无保留意见", "qualified": "保留意见", "adverse": "否定意见", "disclaimer": "无法表示意见",
		"missing": "缺失", "unread": "审计意见无法识别"},
	"outcome": {"clear": "无记录", "listed": "有记录", "unreadable": "无法识别", "": "无法识别", "missing": "缺失"},
	"what": {"net_assets": "末净资产", "net_profit": "度净利润", "total_assets": "末资产总计", "area_m2": "服务场所面积",
		"experts_senior": "副高级以上专家", "experts_total": "专家总数", "partners": "合作机构数",
		"smes_served": "近一年服务企业数", "point_to_point": "点对点服务企业数"},
	"doc": {"license": "营业执照", "audit_report": "审计报告", "premises": "场所文件", "credit_screenshot": "信用中国查询截图",
		"application_form": "入库申请表"},
	"why": {string(FileUnreadable): "无法读取", string(FileReadError): "部分无法读取", string(FileUnclassified): "未能识别材料类别",
		string(FileUnconfident): "材料类别不确定", string(FileNothingRead): "未读出内容"},
}

// declaredWhat is the bare name of a declared figure (the "what" of
// ReasonDeclared* and ObsDeclared), without a year's suffix.
var declaredWhat = map[string]string{"total_assets": "总资产"}

var placeholder = regexp.MustCompile(`\{([a-z0-9]+)\}`)

// render words a finding.
func render(f Finding) string {
	t, ok := texts[f.Reason]
	if !ok {
		return string(f.Reason)
	}
	declared := strings.HasPrefix(string(f.Reason), "declared_") || f.Reason == ObsDeclared
	return placeholder.ReplaceAllStringFunc(t, func(m string) string {
		key := m[1 : len(m)-1]
		v := f.Args[key]
		switch key {
		case "kind":
			if n, ok := kindCN[classify.Kind(v)]; ok {
				return n
			}
		case "list":
			for _, l := range CreditLists {
				if l.Key == v {
					return l.Name
				}
			}
		case "files":
			return renderFiles(v)
		case "what":
			if declared {
				if n, ok := declaredWhat[v]; ok {
					return n
				}
				return strings.TrimPrefix(strings.TrimPrefix(words["what"][v], "末"), "度")
			}
			if n, ok := words["what"][v]; ok {
				return n
			}
		case "opinion", "outcome", "doc":
			if n, ok := words[key][v]; ok {
				return n
			}
		}
		if v == "" {
			return "—"
		}
		return v
	})
}

// renderFiles words a file list made by fileList, or a plain list.
func renderFiles(v string) string {
	if !strings.Contains(v, "\x00") {
		return v
	}
	var out []string
	for _, p := range strings.Split(v, "\x01") {
		path, why, _ := strings.Cut(p, "\x00")
		out = append(out, path+"（"+words["why"][why]+"）")
	}
	return strings.Join(out, "、")
}
