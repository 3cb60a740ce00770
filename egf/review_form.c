/* review_form.c: web forms as assessment forms (review_form.h). */
#include "review_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cycle_phase.h"
#include "evidence.h"

/* Lines in b so far, plus one: the line the next character starts. */
static unsigned
line_now(const struct buf *b)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < b->len; i++)
		n += b->data[i] == '\n';
	return n;
}

/* A field whose text may run over several lines; CRs dropped (a CR ends a line too). */
static void
field(struct buf *b, const char *name, const char *text)
{
	const char *p;

	buf_puts(b, name);
	if (text != NULL && *text != '\0') {
		buf_putc(b, ' ');
		for (p = text; *p != '\0'; p++)
			if (*p != '\r')
				buf_putc(b, *p);
	}
	buf_putc(b, '\n');
}

static void
links(struct buf *b, const char *text)
{
	const char *p = text;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, "\r\n"), s = 0;

		while (s < n && (p[s] == ' ' || p[s] == '\t'))
			s++;
		if (n > s) {
			buf_puts(b, "Link: ");
			buf_add(b, p + s, n - s);
			buf_putc(b, '\n');
		}
		p += n;
		while (*p == '\r' || *p == '\n')
			p++;
	}
}

void
review_form_text(struct buf *b, const struct model *m, const struct assess_blank *f,
    const struct assess_target *t, const struct review_answer *answers, unsigned *first_line)
{
	const struct model_competency *last = NULL;
	struct buf blank = {0};
	const char *cut;
	size_t i;
	unsigned line;

	/*
	 * The front matter and instructions of the blank form (one writer of
	 * both), up to its first competency heading; the items follow, filled.
	 */
	assess_form_write(&blank, m, f);
	cut = strstr(blank.data, "\n\n## ");
	buf_add(b, blank.data, cut ? (size_t)(cut - blank.data) + 1 : blank.len);
	buf_free(&blank);
	line = line_now(b);
	for (i = 0; i < t->n; i++) {
		const struct model_expectation *e = t->items[i];
		const struct review_answer *a = &answers[i];

		if (e->competency != last) {
			buf_printf(b, "\n## %s\n", e->competency->title);
			last = e->competency;
		}
		buf_putc(b, '\n');
		line = line_now(b);
		first_line[i] = line;
		buf_printf(b, "### %s\n", e->id);
		field(b, "Rating:", a->rating);
		field(b, "Evidence:", a->evidence);
		links(b, a->links);
		if (f->role != ROLE_SELF)
			field(b, "Private:", a->private_note);
	}
}

long
review_form_item(const unsigned *first_line, size_t n, unsigned line)
{
	long best = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (first_line[i] <= line)
			best = (long)i;
	return best;
}

void
review_token_format(const struct review_token *t, char out[48])
{
	snprintf(out, 48, "%lld.%lld", t->form, t->draft);
}

int
review_token_parse(const char *s, struct review_token *t)
{
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	t->form = strtoll(s, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return -1;
	t->draft = strtoll(end + 1, &end, 10);
	return *end == '\0' && t->form >= 0 && t->draft >= 0 ? 0 : -1;
}

int
review_current(struct store *st, const struct store_form_key *k, struct review_token *now,
    struct store_draft *draft)
{
	int got;

	now->form = store_form_revision(st, k);
	now->draft = 0;
	if (now->form < 0 || (got = store_draft_get(st, k, draft)) < 0)
		return -1;
	/* A draft saved before the form it was based on was replaced is not shown. */
	if (got == 1 && draft->base == now->form)
		now->draft = draft->revision;
	else
		store_draft_clear(draft);
	return 0;
}

int
review_admits(struct store *st, const struct store_form_key *k)
{
	struct cycle_state cs;
	enum cycle_form how;
	int rc;

	rc = cycle_phase_form(st, k->cycle, k->person, k->role, k->rater, 0, &how, &cs);
	cycle_state_clear(&cs);
	if (rc != 0)
		return -1;
	return how == CYCLE_FORM_OPEN || how == CYCLE_FORM_REOPENED;
}

static int
same_token(const struct review_token *a, const struct review_token *b)
{
	return a->form == b->form && a->draft == b->draft;
}

enum review_status
review_draft_save(struct store *st, const struct store_form_key *k, const char *body,
    const struct review_token *seen, struct review_token *now)
{
	struct store_draft d;
	int how;

	if (store_begin(st) != 0)
		return REVIEW_FAILED;
	if (review_current(st, k, now, &d) != 0)
		goto failed;
	store_draft_clear(&d);
	if ((how = review_admits(st, k)) < 0)
		goto failed;
	if (how == 0) {
		store_rollback(st);
		return REVIEW_LOCKED;
	}
	if (!same_token(seen, now)) {
		store_rollback(st);
		return REVIEW_STALE;
	}
	if (store_draft_put(st, k, body, now->form, now->draft + 1) != 0 ||
	    store_commit(st) != 0)
		goto failed;
	now->draft++;
	return REVIEW_OK;
failed:
	store_rollback(st);
	return REVIEW_FAILED;
}

/* The form must be the one the page is for: its person, rater and role. */
static void
check_key(const struct assess_form *f, const struct store_form_key *k, struct diag_list *dl)
{
	static const enum assess_field fields[] = { FORM_CYCLE, FORM_PERSON, FORM_RATER,
		FORM_ROLE };
	const char *want[] = { k->cycle, k->person, k->rater, k->role };
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *have = f->field[fields[i]];

		if (have != NULL && strcmp(have, want[i]) != 0)
			diag_add(dl, fields[i] == FORM_CYCLE ? DIAG_CYCLE_MISMATCH : DIAG_BAD_VALUE,
			    f->path, f->field_pos[fields[i]].line, f->field_pos[fields[i]].col,
			    "this page takes the %s form of %s by %s in cycle %s; the form says "
			    "%s '%s'", k->role, k->person, k->rater, k->cycle,
			    assess_field_name(fields[i]), have);
	}
}

enum review_status
review_submit(struct store *st, struct published *pub, const struct store_form_key *k,
    const char *name, const char *body, size_t len, const struct review_token *seen,
    struct diag_list *dl, int *revision)
{
	struct review_token now;
	struct store_draft d;
	struct assess_form f;
	enum import_status is;
	long long current;
	size_t n, errors = diag_errors(dl);

	if (review_current(st, k, &now, &d) != 0)
		return REVIEW_FAILED;
	store_draft_clear(&d);
	if (!same_token(seen, &now))
		return REVIEW_STALE;
	if (assess_form_read_buffer(name, body, len, dl, &f) != 0) {
		assess_form_clear(&f);
		return REVIEW_FAILED;
	}
	check_key(&f, k, dl);
	/* checked again in the import's transaction: a writer in between makes it stale */
	is = assess_import_read_if(st, pub, &f, dl, errors, seen->form, &current, revision, &n);
	assess_form_clear(&f);
	if (is == IMPORT_FAILED)
		return REVIEW_FAILED;
	if (is == IMPORT_STALE)
		return REVIEW_STALE;
	return is == IMPORT_INVALID || diag_errors(dl) > errors ? REVIEW_INVALID : REVIEW_OK;
}
