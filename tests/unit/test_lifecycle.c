/*
 * Unit tests of the ladder life cycle tools: the word diff of egf diff, and
 * the slugs and Markdown escapes of egf import-csv (read back through cmark).
 */
#include <stdlib.h>

#include "diff_view.h"
#include "ladder_csv.h"
#include "markdown.h"
#include "util.h"
#include "unit.h"

/* The diff as one string: "=a b|-c|+d". */
static char *
runs(const char *a, const char *b)
{
	struct word_diff d;
	struct buf out = {0};
	size_t i;

	word_diff(a, b, &d);
	for (i = 0; i < d.n; i++)
		buf_printf(&out, "%s%c%s", i ? "|" : "", d.runs[i].op, d.runs[i].text);
	word_diff_free(&d);
	return buf_take(&out);
}

#define CHECK_RUNS(a, b, want) do { \
	char *got_ = runs(a, b); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void
test_word_diff(void)
{
	CHECK_RUNS("same words", "same   words", "=same words");
	CHECK_RUNS("", "", "");
	CHECK_RUNS(NULL, "new text", "+new text");
	CHECK_RUNS("old text", "", "-old text");
	CHECK_RUNS("Asks for help when blocked.", "Asks for help as soon as blocked.",
	    "=Asks for help|-when|+as soon as|=blocked.");
	/* Deletions and insertions of one stretch are grouped, '-' first. */
	CHECK_RUNS("a b c d", "a x c y", "=a|-b|+x|=c|-d|+y");
	CHECK_RUNS("a b c", "b c a", "-a|=b c|+a");
	CHECK_RUNS("1", "2", "-1|+2");
	CHECK_RUNS("one two three", "zero one two three four", "+zero|=one two three|+four");
}

/* Beyond WORD_DIFF_MAX_CELLS the middle is replaced whole; prefix and suffix still match. */
static void
test_word_diff_cap(void)
{
	struct buf a = {0}, b = {0};
	struct word_diff d;
	size_t i;

	buf_puts(&a, "start");
	buf_puts(&b, "start");
	for (i = 0; i < 1100; i++) {
		buf_printf(&a, " a%zu", i);
		buf_printf(&b, " b%zu", i);
	}
	buf_puts(&a, " end");
	buf_puts(&b, " end");
	word_diff(a.data, b.data, &d);
	CHECK(d.n == 4);
	CHECK(d.n == 4 && d.runs[0].op == '=' && d.runs[1].op == '-' && d.runs[2].op == '+' &&
	    d.runs[3].op == '=');
	CHECK_STR(d.n == 4 ? d.runs[3].text : NULL, "end");
	word_diff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

#define CHECK_SLUG(name, want) do { \
	char *got_ = ladder_csv_slug(name); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void
test_slug(void)
{
	CHECK_SLUG("Code Review", "code-review");
	CHECK_SLUG("  C# & *Ops*  ", "c-ops");
	CHECK_SLUG("Engineer's craft", "engineers-craft");
	CHECK_SLUG("Engineer\xe2\x80\x99s craft", "engineers-craft");	/* ’ */
	CHECK_SLUG("Caf\xc3\xa9 \xc3\x96" "ffnung", "cafe-offnung");	/* Café Öffnung */
	CHECK_SLUG("Stra\xc3\x9f" "e \xc5\x81\xc3\xb3" "d\xc5\xba", "strasse-lodz");
	CHECK_SLUG("\xd0\x9d\xd0\xb0\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xbd\xd0\xb8\xd0\xba",
	    "nastavnik");				/* Наставник */
	CHECK_SLUG("\xce\x97\xce\xb3\xce\xb5\xcf\x83\xce\xaf\xce\xb1", "igesia");	/* Ηγεσία */
	CHECK_SLUG("\xe6\x97\xa5\xe6\x9c\xac", "");	/* no Latin letters left */
	CHECK_SLUG("2nd-line support", "2nd-line-support");
	CHECK_SLUG("aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaa b",
	    "aaaaaaaaaa-aaaaaaaaaa-aaaaaaaaaa-aaaaaaaaaa-aaaaaaaaaa-aaaaaaaaa");
}

/* The plain text cmark reads back from "- ITEM". */
static char *
item_text(const char *text)
{
	struct buf md = {0};
	cmark_node *doc, *list;
	char *plain = NULL;

	buf_puts(&md, "- ");
	ladder_csv_md_item(&md, text);
	buf_putc(&md, '\n');
	doc = md_parse(md.data, md.len);
	list = cmark_node_first_child(doc);
	if (list != NULL && cmark_node_get_type(list) == CMARK_NODE_LIST &&
	    cmark_node_next(list) == NULL) {
		cmark_node *item = cmark_node_first_child(list);
		cmark_node *para = item ? cmark_node_first_child(item) : NULL;

		if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
		    cmark_node_next(para) == NULL && cmark_node_next(item) == NULL)
			plain = md_text(para, "\n");
	}
	cmark_node_free(doc);
	buf_free(&md);
	return plain;
}

#define CHECK_ITEM(text, want) do { \
	char *got_ = item_text(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void
test_md_item(void)
{
	static const char *const same[] = {
		"# heading", "## two", "- dash", "+ plus", "* star", "> quote", "1. one",
		"12) twelve", "1.", "***", "_ _ _", "---", "```fence", "~~~ tilde",
		"<div> block", "<!-- comment -->", "[ref]: https://example.org",
		"=== equals", "Plain text.", "2026 was a year.",
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		CHECK_ITEM(same[i], same[i]);
	/* Inline Markdown stays Markdown. */
	CHECK_ITEM("*emphasis* first", "emphasis first");
	CHECK_ITEM("`code` first", "code first");
	CHECK_ITEM("<https://example.org> first", "https://example.org first");
	CHECK_ITEM("[a link](https://example.org)", "a link");
}

static void
test_md_plain(void)
{
	struct buf b = {0};
	cmark_node *doc;
	char *text;

	buf_puts(&b, "# ");
	ladder_csv_md_plain(&b, "C# & *Ops* [x] `y` <z> _w_ \\ #");
	doc = md_parse(b.data, b.len);
	text = md_text(cmark_node_first_child(doc), " ");
	CHECK_STR(text, "C# & *Ops* [x] `y` <z> _w_ \\ #");
	free(text);
	cmark_node_free(doc);
	buf_free(&b);
}

int
main(void)
{
	RUN(test_word_diff);
	RUN(test_word_diff_cap);
	RUN(test_slug);
	RUN(test_md_item);
	RUN(test_md_plain);
	return UNIT_EXIT();
}
