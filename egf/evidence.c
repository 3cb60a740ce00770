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

static int
valid_id(const char *p)
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
		return valid_id(target + 4);
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

static int
contains_term(const char *text, const char *term)
{
	const char *p;

	if (*term == '\0')
		return 0;
	for (p = text; *p != '\0'; p++)
		if (tolower((unsigned char)*p) == tolower((unsigned char)*term) &&
		    term_at(text, p, term))
			return 1;
	return 0;
}

const char *
evidence_activity_term(const struct model *m, const char *text)
{
	size_t i;

	if (text == NULL)
		return NULL;
	for (i = 0; default_terms[i] != NULL; i++)
		if (contains_term(text, default_terms[i]))
			return default_terms[i];
	for (i = 0; m != NULL && i < m->nactivity_terms; i++)
		if (contains_term(text, m->activity_terms[i]))
			return m->activity_terms[i];
	return NULL;
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
