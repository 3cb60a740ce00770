/* evidence.c: links, activity terms and the flags calibration shows. */
#include "evidence.h"

#include <ctype.h>
#include <string.h>

#include "model.h"

static const char *const kind_names[LINK__MAX] = { "okr", "customer", "incident", "metric",
	"design", "code", "doc", "other" };

/*
 * Output counts, not outcomes: the words Accelerate and DORA warn are no
 * proxy for impact. docs/calibration.md lists them; keep the two in step.
 */
static const char *const default_terms[] = { "story points", "velocity", "lines of code",
	"LOC", "commits", "pull requests", "PRs", "merge requests", "tickets closed",
	"issues closed", "closed tickets", "closed issues", NULL };

int
evidence_link_kind(const char *s)
{
	int i;

	for (i = 0; i < LINK__MAX; i++)
		if (strcmp(kind_names[i], s) == 0)
			return i;
	return -1;
}

const char *
evidence_link_kind_name(enum link_kind k)
{
	return kind_names[k];
}

const char *
evidence_link_kinds(void)
{
	return "okr customer incident metric design code doc other";
}

int
evidence_id_ok(const char *p)
{
	if (!isalnum((unsigned char)*p))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			return 0;
	return 1;
}

int
evidence_link_target_ok(const char *target)
{
	const unsigned char *p;
	const char *rest;

	if (strncmp(target, "okr:", 4) == 0)
		return evidence_id_ok(target + 4);
	if (strncmp(target, "https://", 8) == 0)
		rest = target + 8;
	else if (strncmp(target, "http://", 7) == 0)
		rest = target + 7;
	else
		return 0;
	if (*rest == '\0' || *rest == '/')
		return 0;	/* no host */
	for (p = (const unsigned char *)rest; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

const char *
evidence_okr_id(const char *target)
{
	return strncmp(target, "okr:", 4) == 0 ? target + 4 : NULL;
}

int
evidence_link_split(char *value, char **target, char **kind, size_t *kind_off)
{
	size_t n = strlen(value);
	char *open, *end;

	while (n > 0 && isspace((unsigned char)value[n - 1]))
		value[--n] = '\0';
	if (n < 3 || value[n - 1] != ')' || (open = strrchr(value, '(')) == NULL)
		return -1;
	value[n - 1] = '\0';
	*kind = open + 1;
	*kind_off = (size_t)(open + 1 - value);
	end = open;
	while (end > value && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	*target = value;
	while (**target == ' ' || **target == '\t')
		(*target)++;
	return **target == '\0' ? -1 : 0;
}

/* 1 when the term occurs in text at p as whole words (any case, any spacing). */
static int
term_at(const char *text, const char *p, const char *term)
{
	const char *t = term;

	if (p > text && isalnum((unsigned char)p[-1]))
		return 0;
	while (*t != '\0') {
		if (*t == ' ') {
			if (!isspace((unsigned char)*p))
				return 0;
			while (isspace((unsigned char)*p))
				p++;
			while (*t == ' ')
				t++;
			continue;
		}
		if (tolower((unsigned char)*p) != tolower((unsigned char)*t))
			return 0;
		p++;
		t++;
	}
	return !isalnum((unsigned char)*p);
}

/* The first of terms (n of them, from index base) that occurs at p, or -1. */
static long
term_here(const char *text, const char *p, const char *const *terms, size_t n)
{
	unsigned char c = (unsigned char)tolower((unsigned char)*p);
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)tolower((unsigned char)*terms[i]) == c &&
		    term_at(text, p, terms[i]))
			return (long)i;
	return -1;
}

/*
 * One pass over the text: a term can only begin where a word does, so only
 * those places are tried, each against every term (calibration runs this on
 * every rating's evidence). The default list wins over the ladder's when
 * both match, and within a list the first listed.
 */
const char *
evidence_activity_term(const struct model *m, const char *text)
{
	static const size_t ndefault = sizeof(default_terms) / sizeof(default_terms[0]) - 1;
	size_t nladder = m != NULL ? m->nactivity_terms : 0;
	long best = -1, ladder = -1, k;
	const char *p;

	if (text == NULL)
		return NULL;
	for (p = text; *p != '\0' && best != 0; p++) {
		if (p > text && isalnum((unsigned char)p[-1]))
			continue;
		if ((k = term_here(text, p, default_terms, ndefault)) >= 0 &&
		    (best < 0 || k < best))
			best = k;
		if (best < 0 && nladder > 0 &&
		    (k = term_here(text, p, m->activity_terms, nladder)) >= 0 &&
		    (ladder < 0 || k < ladder))
			ladder = k;
	}
	if (best >= 0)
		return default_terms[best];
	return ladder >= 0 ? m->activity_terms[ladder] : NULL;
}

int
evidence_flags(const struct model *m, int rated, long value, const char *evidence,
    size_t nlinks)
{
	const struct model_scale_point *meets = model_scale_point(m, m->meets);
	int has_evidence = evidence != NULL && *evidence != '\0', flags = 0;

	if (!rated)
		return 0;
	if (nlinks > 0)
		flags |= EVIDENCE_LINKED;
	if (meets != NULL && value > meets->value && !has_evidence && nlinks == 0)
		flags |= EVIDENCE_UNSUPPORTED;
	if (has_evidence && nlinks == 0 && evidence_activity_term(m, evidence) != NULL)
		flags |= EVIDENCE_ACTIVITY_ONLY;
	return flags;
}
