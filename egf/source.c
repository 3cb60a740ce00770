/* source.c: loading input files with YAML front matter. */
#include "source.h"
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

/* Length of the line starting at p (without its line break), and of the break. */
static size_t
line_length(const char *p, const char *end, size_t *brk)
{
	const char *q = p;

	while (q < end && *q != '\n' && *q != '\r')
		q++;
	*brk = 0;
	if (q < end && *q == '\r')
		(*brk)++;
	if (q + *brk < end && q[*brk] == '\n')
		(*brk)++;
	return (size_t)(q - p);
}

/* 1 when the line [p, p+n) is the marker (three dashes or dots) with trailing blanks. */
static int
is_marker(const char *p, size_t n, const char *marker)
{
	if (n < 3 || memcmp(p, marker, 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/*
 * libyaml's scanner takes quadratic time in the depth of flow collections
 * ([[[[...]]]]: 100,000 levels take half a minute). Front matter never needs
 * more than a few levels; deeper nesting is refused before libyaml sees it.
 * Returns 0, or -1 with *off at the bracket that goes too deep.
 */
static int
flow_depth_ok(const char *yaml, size_t len, size_t *off)
{
	size_t i, depth = 0;
	char quote = 0;

	for (i = 0; i < len; i++) {
		char c = yaml[i];

		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < len)
				i++;
			else if (c == quote || c == '\n')
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'')
			quote = c;
		else if (c == '#' && (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '\n'))
			while (i + 1 < len && yaml[i + 1] != '\n')
				i++;
		else if (c == '[' || c == '{') {
			if (++depth > SOURCE_MAX_FLOW_DEPTH) {
				*off = i;
				return -1;
			}
		} else if ((c == ']' || c == '}') && depth > 0)
			depth--;
	}
	return 0;
}

static void
parse_front_matter(struct source *s, const char *yaml, size_t yaml_len)
{
	yaml_parser_t parser;
	size_t off;

	if (flow_depth_ok(yaml, yaml_len, &off) != 0) {
		unsigned line, col;

		text_position(s->data, (size_t)(yaml - s->data) + off, &line, &col);
		diag_add(s->dl, DIAG_TOO_COMPLEX, s->path, line, col,
		    "front matter nested deeper than %d brackets", SOURCE_MAX_FLOW_DEPTH);
		return;
	}

	if (!yaml_parser_initialize(&parser)) {
		fputs("egf: out of memory\n", stderr);
		exit(2);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, yaml_len);
	if (!yaml_parser_load(&parser, &s->doc)) {
		const char *problem = parser.problem ? parser.problem : "malformed YAML";

		yaml_node_t mark;

		memset(&mark, 0, sizeof(mark));
		mark.start_mark = parser.problem_mark;
		if (parser.context)
			diag_add(s->dl, DIAG_YAML_SYNTAX, s->path, source_line(s, &mark),
			    source_col(s, &mark), "%s %s", problem, parser.context);
		else
			diag_add(s->dl, DIAG_YAML_SYNTAX, s->path, source_line(s, &mark),
			    source_col(s, &mark), "%s", problem);
		yaml_parser_delete(&parser);
		return;
	}
	yaml_parser_delete(&parser);
	s->has_doc = 1;
	s->root = yaml_document_get_root_node(&s->doc);
	if (s->root != NULL && s->root->type != YAML_MAPPING_NODE) {
		if (!(s->root->type == YAML_SCALAR_NODE && s->root->data.scalar.length == 0))
			source_diag(s, DIAG_YAML_SYNTAX, s->root, "%s is not a mapping",
			    s->yaml_line == 1 ? "the file" : "front matter");
		s->root = NULL;
	}
}

/* Splits data into front matter and body; parses the front matter. */
static enum source_status
split(struct source *s)
{
	const char *p = s->data, *end = s->data + s->len;
	size_t n, brk;
	unsigned line = 1;

	if (s->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	n = line_length(p, end, &brk);
	if (!is_marker(p, n, "---")) {
		s->body = p;
		s->body_len = (size_t)(end - p);
		s->body_line = 1;
		return SOURCE_OK;
	}
	p += n + brk;
	{
		const char *yaml = p;

		for (;;) {
			line++;
			if (p >= end) {
				diag_add(s->dl, DIAG_YAML_SYNTAX, s->path, 1, 1,
				    "front matter has no closing '---' line");
				return SOURCE_INVALID;
			}
			n = line_length(p, end, &brk);
			if (is_marker(p, n, "---") || is_marker(p, n, "..."))
				break;
			p += n + brk;
		}
		parse_front_matter(s, yaml, (size_t)(p - yaml));
		p += n + brk;
	}
	s->body = p;
	s->body_len = (size_t)(end - p);
	s->body_line = line + 1;
	return s->has_doc ? SOURCE_OK : SOURCE_INVALID;
}

static void
index_lines(struct source *s)
{
	size_t i, cap = 0;

	xgrow((void **)&s->line_starts, &cap, 1, sizeof(*s->line_starts));
	s->line_starts[0] = 0;
	s->nlines = 1;
	/* CR, LF and CRLF each end a line */
	for (i = 0; i < s->len; i++)
		if (s->data[i] == '\n' || (s->data[i] == '\r' && s->data[i + 1] != '\n')) {
			xgrow((void **)&s->line_starts, &cap, s->nlines + 1, sizeof(*s->line_starts));
			s->line_starts[s->nlines++] = i + 1;
		}
}

const char *
source_line_text(const struct source *s, unsigned line, size_t *len)
{
	size_t start, end;

	if (line == 0 || line > s->nlines)
		return NULL;
	start = s->line_starts[line - 1];
	end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
	if (end > start && s->data[end - 1] == '\r' && end < s->len && s->data[end] == '\n')
		end--;
	*len = end - start;
	return s->data + start;
}

/* Checks the encoding of s->data and indexes its lines; shared by every way in. */
static enum source_status
load(struct source *s)
{
	size_t bad;
	const char *what;

	if (utf8_check(s->data, s->len, &bad, &what) != 0) {
		unsigned line, col;

		text_position(s->data, bad, &line, &col);
		diag_add(s->dl, DIAG_ENCODING, s->path, line, col, "%s (byte 0x%02x)", what,
		    (unsigned char)s->data[bad]);
		return SOURCE_INVALID;
	}
	index_lines(s);
	return SOURCE_OK;
}

/* Reads path into s, within the size limit, and checks it. */
static enum source_status
read_path(struct source *s, const char *path, struct diag_list *dl)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->dl = dl;
	switch (diag_file_read(dl, path, SOURCE_MAX_SIZE, "file", &s->data, &s->len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		return SOURCE_INVALID;
	case FILE_ERRNO:
		return SOURCE_IO;
	}
	return load(s);
}

enum source_status
source_open_buffer(struct source *s, const char *name, const char *data, size_t len,
    struct diag_list *dl)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(name);
	s->dl = dl;
	if (len > SOURCE_MAX_SIZE) {
		diag_add(dl, DIAG_TOO_LARGE, name, 0, 0, "file is larger than %d bytes",
		    SOURCE_MAX_SIZE);
		return SOURCE_INVALID;
	}
	s->data = xmalloc(len + 1);
	memcpy(s->data, data, len);
	s->data[len] = '\0';
	s->len = len;
	return load(s) == SOURCE_OK ? split(s) : SOURCE_INVALID;
}

enum source_status
source_open(struct source *s, const char *path, struct diag_list *dl)
{
	enum source_status st = read_path(s, path, dl);

	return st == SOURCE_OK ? split(s) : st;
}

enum source_status
source_open_yaml(struct source *s, const char *path, struct diag_list *dl)
{
	enum source_status st = read_path(s, path, dl);
	size_t skip = 0;

	if (st != SOURCE_OK)
		return st;
	s->yaml_line = 1;
	if (s->len >= 3 && memcmp(s->data, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	s->body = s->data + s->len;
	s->body_len = 0;
	s->body_line = (unsigned)s->nlines;
	parse_front_matter(s, s->data + skip, s->len - skip);
	if (s->has_doc && s->root == NULL && yaml_document_get_root_node(&s->doc) != NULL &&
	    yaml_document_get_root_node(&s->doc)->type != YAML_MAPPING_NODE)
		return SOURCE_INVALID;
	return s->has_doc ? SOURCE_OK : SOURCE_INVALID;
}

void
source_close(struct source *s)
{
	if (s->has_doc)
		yaml_document_delete(&s->doc);
	free(s->data);
	free(s->path);
	free(s->line_starts);
	memset(s, 0, sizeof(*s));
}

unsigned
source_line(const struct source *s, const yaml_node_t *node)
{
	(void)s;
	return node ? (unsigned)node->start_mark.line + (s->yaml_line ? s->yaml_line : 2) : 1;
}

/* libyaml counts columns in characters; egf reports bytes, as cmark does. */
unsigned
source_col(const struct source *s, const yaml_node_t *node)
{
	const char *text;
	size_t len, i, chars = 0;

	if (node == NULL)
		return 1;
	text = source_line_text(s, source_line(s, node), &len);
	if (text == NULL)
		return (unsigned)node->start_mark.column + 1;
	for (i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80) {
			if (chars == node->start_mark.column)
				break;
			chars++;
		}
	return (unsigned)i + 1;
}

void
source_diag(const struct source *s, enum diag_code code, const yaml_node_t *node,
    const char *fmt, ...)
{
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(s->dl, code, s->path, source_line(s, node), source_col(s, node), "%s", msg);
	free(msg);
}

size_t
source_count(const yaml_node_t *node)
{
	if (node == NULL)
		return 0;
	if (node->type == YAML_SEQUENCE_NODE)
		return (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	if (node->type == YAML_MAPPING_NODE)
		return (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
	return 0;
}

yaml_node_t *
source_item(const struct source *s, const yaml_node_t *seq, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&s->doc,
	    seq->data.sequence.items.start[i]);
}

yaml_node_t *
source_key_at(const struct source *s, const yaml_node_t *map, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&s->doc,
	    map->data.mapping.pairs.start[i].key);
}

yaml_node_t *
source_value_at(const struct source *s, const yaml_node_t *map, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&s->doc,
	    map->data.mapping.pairs.start[i].value);
}

/* 1 when a scalar node's text equals key. */
static int
scalar_is(const yaml_node_t *node, const char *key)
{
	size_t n = strlen(key);

	return node != NULL && node->type == YAML_SCALAR_NODE &&
	    node->data.scalar.length == n &&
	    memcmp(node->data.scalar.value, key, n) == 0;
}

yaml_node_t *
source_get(const struct source *s, const yaml_node_t *map, const char *key)
{
	size_t i, n;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	n = source_count(map);
	for (i = 0; i < n; i++)
		if (scalar_is(source_key_at(s, map, i), key))
			return source_value_at(s, map, i);
	return NULL;
}

yaml_node_t *
source_require(const struct source *s, const yaml_node_t *map, const char *key,
    const char *what)
{
	yaml_node_t *v = source_get(s, map, key);

	if (v == NULL)
		source_diag(s, DIAG_MISSING_FIELD, map, "%s has no '%s'", what, key);
	return v;
}

void
source_check_keys(const struct source *s, const yaml_node_t *map, const char *const allowed[])
{
	struct strmap *seen;
	size_t i, j, n;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return;
	seen = strmap_new();
	n = source_count(map);
	for (i = 0; i < n; i++) {
		yaml_node_t *key = source_key_at(s, map, i);
		const char *name;

		if (key->type != YAML_SCALAR_NODE) {
			source_diag(s, DIAG_YAML_SYNTAX, key, "mapping key is not a plain value");
			continue;
		}
		name = (const char *)key->data.scalar.value;
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(allowed[j], name) == 0)
				break;
		if (allowed[j] == NULL)
			source_diag(s, DIAG_UNKNOWN_KEY, key, "unknown key '%s'", name);
		if (strmap_put(seen, name, key) != NULL)
			source_diag(s, DIAG_YAML_SYNTAX, key, "duplicate key '%s'", name);
	}
	strmap_free(seen);
}

const char *
source_scalar(const struct source *s, const yaml_node_t *node, const char *what)
{
	const char *text;
	size_t bad;
	const char *problem;

	if (node == NULL)
		return NULL;
	if (node->type != YAML_SCALAR_NODE) {
		source_diag(s, DIAG_BAD_VALUE, node, "expected %s", what);
		return NULL;
	}
	text = (const char *)node->data.scalar.value;
	if (utf8_check(text, node->data.scalar.length, &bad, &problem) != 0) {
		source_diag(s, DIAG_ENCODING, node, "%s in %s", problem, what);
		return NULL;
	}
	return text;
}
