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
