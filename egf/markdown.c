/* markdown.c: cmark helpers. */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

cmark_node *
md_parse(const char *text, size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);

	if (doc == NULL) {
		fputs("egf: out of memory\n", stderr);
		exit(2);
	}
	return doc;
}

static int
is_block(cmark_node_type t)
{
	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

static void
text_walk(cmark_node *root, const char *block_sep, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int pending_sep = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit;

		if (ev == CMARK_EVENT_EXIT) {
			if (is_block(t) && b->len > 0)
				pending_sep = 1;
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			if (lit == NULL || *lit == '\0')
				break;
			if (pending_sep)
				buf_puts(b, block_sep);
			pending_sep = 0;
			buf_puts(b, lit);
			if (t == CMARK_NODE_CODE_BLOCK && b->len > 0 && b->data[b->len - 1] == '\n')
				b->data[--b->len] = '\0';
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

char *
md_text(cmark_node *node, const char *block_sep)
{
	struct buf b = {0};

	text_walk(node, block_sep, &b);
	return buf_take(&b);
}

char *
md_text_range(cmark_node *first, cmark_node *stop, const char *block_sep)
{
	struct buf b = {0};
	cmark_node *n;

	for (n = first; n != NULL && n != stop; n = cmark_node_next(n)) {
		size_t before = b.len;

		if (b.len > 0)
			buf_puts(&b, block_sep);
		before = b.len;
		text_walk(n, block_sep, &b);
		if (b.len == before && before > 0) {
			/* Nothing was added: take the separator back. */
			b.len -= strlen(block_sep);
			b.data[b.len] = '\0';
		}
	}
	return buf_take(&b);
}

char *
md_html_range(cmark_node *first, cmark_node *stop)
{
	struct buf b = {0};
	cmark_node *n;

	for (n = first; n != NULL && n != stop; n = cmark_node_next(n)) {
		char *html = cmark_render_html(n, CMARK_OPT_DEFAULT);

		buf_puts(&b, html);
		free(html);
	}
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	return buf_take(&b);
}

int
md_check_complexity(const char *text, size_t len, size_t *off)
{
	size_t i, images = 0, brackets = 0;

	for (i = 0; i < len; i++) {
		if (text[i] != '[')
			continue;
		if (++brackets > MD_MAX_BRACKETS || (i > 0 && text[i - 1] == '!' &&
		    ++images > MD_MAX_IMAGES)) {
			*off = i > 0 && text[i - 1] == '!' ? i - 1 : i;
			return -1;
		}
	}
	return 0;
}

void
md_each_link(cmark_node *root, void (*fn)(cmark_node *link, void *arg), void *arg)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE))
			fn(n, arg);
	}
	cmark_iter_free(it);
}
