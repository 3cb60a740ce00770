/* assess_form_write.c: blank assessment forms (docs/assessments.md). */
#include "assess.h"

#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "util.h"

/* A YAML double-quoted scalar. */
static void
yaml_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* Each line of text as a Markdown quote. */
static void
quote_lines(struct buf *b, const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		buf_puts(b, "> ");
		buf_add(b, p, n);
		buf_putc(b, '\n');
		p += n;
		if (*p == '\n')
			p++;
	}
}

void
assess_form_write(struct buf *b, const struct model *m, const struct assess_blank *f)
{
	const struct model_competency *last = NULL;
	struct assess_target t;
	size_t i, k;

	buf_puts(b, "---\nladder: ");
	yaml_quoted(b, m->id);
	buf_puts(b, "\nversion: ");
	yaml_quoted(b, m->version);
	buf_puts(b, "\ncycle: ");
	yaml_quoted(b, f->cycle);
	buf_puts(b, "\nperson: ");
	yaml_quoted(b, f->person);
	buf_puts(b, "\nrater: ");
	yaml_quoted(b, f->rater);
	buf_printf(b, "\nrole: %s\ntarget: ", assess_role_name(f->role));
	yaml_quoted(b, f->target->id);
	buf_printf(b, "\n---\n# %s: %s assessment against %s\n\n", f->name,
	    assess_role_name(f->role), f->target->id);
	buf_puts(b, "Rate each expectation with one of:");
	for (i = 0; i < m->nscale; i++)
		buf_printf(b, "%s %s (%s)", i ? "," : "", m->scale[i]->id, m->scale[i]->label);
	buf_puts(b, ".\nLeave Rating empty where you cannot judge. Evidence runs to the next "
	    "field or heading.\n");
	buf_printf(b, "Tie a rating to the outcome it served with lines 'Link: TARGET (KIND)', "
	    "as many as needed:\nTARGET an http: or https: URL or okr:KEY-RESULT-ID, KIND one "
	    "of %s.\n", evidence_link_kinds());
	if (f->role != ROLE_SELF)
		buf_puts(b, "Private notes are for the promotion committee only.\n");
	assess_target_init(&t, m, f->target);
	for (i = 0; i < t.n; i++) {
		const struct model_expectation *e = t.items[i];

		if (e->competency != last) {
			buf_printf(b, "\n## %s\n", e->competency->title);
			last = e->competency;
		}
		buf_printf(b, "\n### %s\n", e->id);
		quote_lines(b, e->text);
		for (k = 0; k < e->nexamples; k++) {
			/* Quoted like the text: the form reader skips it. */
			char *ex = xasprintf("Example: %s", e->examples[k].text);

			buf_puts(b, ">\n");
			quote_lines(b, ex);
			free(ex);
		}
		buf_puts(b, "\nRating:\nEvidence:\nLink:\n");
		if (f->role != ROLE_SELF)
			buf_puts(b, "Private:\n");
	}
	assess_target_clear(&t);
}
