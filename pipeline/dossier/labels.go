package dossier

// VerdictLabel is the Chinese name of a verdict, as the HTML dossier shows
// it (the verdict itself when it has none).
func VerdictLabel(v string) string {
	if s, ok := verdictCN[v]; ok {
		return s
	}
	return v
}

// StatusLabel is the Chinese name of a criterion status, as the HTML
// dossier shows it.
func StatusLabel(s Status) string {
	if l, ok := statusCN[s]; ok {
		return l
	}
	return string(s)
}

// BasisLabel words the basis of a non-pass criterion in Chinese, as the
// HTML dossier shows it ("" for none).
func BasisLabel(b Basis) string { return basisCN[b] }

// MethodLabel is the Chinese name of a reading method (text layer, OCR,
// sheet), as the HTML dossier shows it.
func MethodLabel(m string) string {
	if l, ok := methodCN[m]; ok {
		return l
	}
	return m
}

// KindLabel is the Chinese name of a document kind, as the HTML dossier
// shows it.
func KindLabel(k string) string {
	if l, ok := kindNames[k]; ok {
		return l
	}
	return k
}
