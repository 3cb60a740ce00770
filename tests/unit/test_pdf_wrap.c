/*
 * Unit tests of pdf.c's wrapping: a plain paragraph broken by pdf_wrap
 * (shaped once and cut into lines) has the lines Pango's own wrapping gives
 * the same text (pdf_wrap_rich always wraps with Pango): as many lines, each
 * as wide, in every script, at widths from a few words to a whole line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet_template.h"
#include "pdf.h"
#include "util.h"
#include "unit.h"

static const char *const texts[] = {
	"At level 10, improves design reviews for scope 1 of competency 1 with tool-17 and "
	    "care, so that the outcome of item 1 is measured, shared with the team and reviewed "
	    "against the goals agreed for the quarter.",
	"Self: Exceeds  \xc2\xb7  Manager: Meets  \xc2\xb7  Peer (Ravi Matsumoto): Meets  "
	    "\xc2\xb7  Peer (Hedy Mensah): Exceeds",
	"A well-known, state-of-the-art and long-lived hand-over of the on-call rotation "
	    "\xe2\x80\x94 with em dashes \xe2\x80\x94 and caf\xc3\xa9s, na\xc3\xafve r\xc3\xa9sum\xc3\xa9s.",
	"See https://example.org/a/very/long/path/that/does/not/fit/on/any/line/of/this/page"
	    "/at/all/index.html for the rest.",
	"\xd0\x9e\xd0\xbb\xd1\x8c\xd0\xb3\xd0\xb0 \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2"
	    "\xd0\xb0 \xd0\xb8 \xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82 "
	    "\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xce\xac\xce\xba\xce\xb7\xcf\x82 wrote the "
	    "design document together with the team.",
	"\xe6\x9d\x8e\xe5\xa8\x9c led the migration; \xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd8\xa9 "
	    "reviewed it and \xe0\xa4\xa6\xe0\xa5\x87\xe0\xa4\xb5 shipped it on time.",
	"Short.",
	"Mentored two newer engineers through their first changes on the incident review "
	    "programme. Follow-up items are tracked in the team's planning board.",
};

static const float widths[] = { 40, 90, 150, 230, 300, 420, 482.6f, 495 };

struct run {
	size_t compared, lines;
};

static void
body(struct pdf_doc *d, void *arg)
{
	struct run *r = arg;
	size_t i, j, k;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (j = 0; j < sizeof(widths) / sizeof(widths[0]); j++) {
			struct pdf_rich rich = {0};
			const struct pdf_text *mine, *pango;

			pdf_rich_add(&rich, texts[i], strlen(texts[i]), 0, NULL);
			mine = pdf_wrap(d, STYLE_BODY, texts[i], widths[j]);
			pango = pdf_wrap_rich(d, STYLE_BODY, &rich, widths[j], 0);
			pdf_rich_clear(&rich);
			CHECK(pdf_text_lines(mine) == pdf_text_lines(pango));
			if (pdf_text_lines(mine) != pdf_text_lines(pango)) {
				printf("  text %zu at width %g: %zu lines, Pango %zu\n", i,
				    (double)widths[j], pdf_text_lines(mine), pdf_text_lines(pango));
				continue;
			}
			for (k = 0; k < pdf_text_lines(mine); k++) {
				CHECK(pdf_text_line_width(mine, k) == pdf_text_line_width(pango, k));
				/* every line but an unbreakable word's fits */
				if (k + 1 < pdf_text_lines(mine) && i != 3)
					CHECK(pdf_text_line_width(mine, k) <= widths[j]);
				pdf_need(d, 12);
				pdf_text_line(d, mine, k, d->left, d->y);
				d->y -= 12;
			}
			r->compared++;
			r->lines += pdf_text_lines(mine);
		}
}

/* Every text at every width: the same lines as Pango's; the document draws them. */
static void
test_wrap_matches_pango(void)
{
	struct packet_template t;
	struct diag_list dl = {0};
	struct pdf_fonts *f = NULL;
	struct pdf_info info = { "wrap", "egf", NULL, NULL };
	struct buf out = {0};
	struct run r = {0};

	memset(&t, 0, sizeof(t));
	CHECK(packet_template_load("templates/packet.xml", &dl, &t) == 0 && diag_errors(&dl) == 0);
	CHECK((f = pdf_fonts_new(&t)) != NULL);
	if (f != NULL) {
		CHECK(pdf_render(f, &info, "footer", body, &r, &out) == 0);
		CHECK(r.compared == (sizeof(texts) / sizeof(texts[0])) *
		    (sizeof(widths) / sizeof(widths[0])));
		CHECK(r.lines > r.compared);	/* some texts did wrap */
		CHECK(out.len > 1000 && memcmp(out.data, "%PDF-", 5) == 0);
	}
	buf_free(&out);
	pdf_fonts_free(f);
	packet_template_clear(&t);
	diag_list_free(&dl);
}

int
main(void)
{
	RUN(test_wrap_matches_pango);
	return UNIT_EXIT();
}
