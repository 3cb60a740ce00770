/*
 * ladder_csv_meta.c: the spreadsheet importer's metadata file: the YAML
 * front matter of a ladder.md (optionally with a body, the introduction),
 * kept verbatim, and what it says about tracks and levels.
 */
#include "ladder_csv.h"
#include "ladder_csv_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "source.h"

static const char *const meta_keys[MK__MAX] = { "id", "title", "version", "scale", "meets",
	"promotion", "tracks", "levels" };

/* The metadata file */

static int
is_marker(const char *p, size_t n, const char *marker)
{
	if (n < 3 || memcmp(p, marker, 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

size_t
lc_line_len(const char *p, const char *end)
{
	const char *q = memchr(p, '\n', (size_t)(end - p));

	return q ? (size_t)(q - p) : (size_t)(end - p);
}

/* Finds the YAML (and a body) in the metadata file. */
static void
split_meta(struct meta *mt, struct diag_list *dl)
{
	const char *data = mt->data, *end = data + mt->len, *p = data;
	unsigned line = 1;
	size_t n;

	if (mt->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	n = lc_line_len(p, end);
	if (is_marker(p, n, "---")) {
		mt->opener = 1;
		p += n + (p + n < end);
		line++;
	}
	mt->yaml_start = (size_t)(p - data);
	mt->yaml_line = line;
	mt->yaml_end = mt->len;
	for (; p < end; line++) {
		n = lc_line_len(p, end);
		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			mt->yaml_end = (size_t)(p - data);
			p += n + (p + n < end);
			break;
		}
		p += n + (p + n < end);
	}
	if (mt->yaml_end == mt->len)
		return;
	if (mt->opener) {
		mt->has_body = 1;
		mt->body_start = (size_t)(p - data);
		mt->body_line = line + 1;
		return;
	}
	for (line++; p < end; line++) {
		n = lc_line_len(p, end);
		if (strspn(p, " \t\r") < n) {
			diag_add(dl, DIAG_YAML_SYNTAX, mt->path, line, 1,
			    "the ladder metadata holds more than one YAML document");
			return;
		}
		p += n + (p + n < end);
	}
}

/* The file position of a libyaml mark in the YAML of the metadata (columns in bytes). */
static void
meta_pos(const struct meta *mt, yaml_mark_t mark, unsigned *line, unsigned *col)
{
	const char *p = mt->data + mt->yaml_start, *end = mt->data + mt->yaml_end;
	size_t k, chars = 0;

	for (k = 0; k < mark.line && p < end; k++)
		p += lc_line_len(p, end) + 1;
	while (p < end && *p != '\n' && chars < mark.column) {
		p++;
		while (p < end && ((unsigned char)*p & 0xc0) == 0x80)
			p++;
		chars++;
	}
	text_position(mt->data, (size_t)(p - mt->data), line, col);
}

static void
meta_diag(const struct meta *mt, struct diag_list *dl, enum diag_code code,
    const yaml_node_t *node, const char *msg)
{
	unsigned line, col;

	meta_pos(mt, node->start_mark, &line, &col);
	diag_add(dl, code, mt->path, line, col, "%s", msg);
}

static const char *
scalar(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pair;

	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(doc, pair->value);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return v != NULL && v->type == YAML_SCALAR_NODE ?
			    (const char *)v->data.scalar.value : NULL;
	}
	return NULL;
}

/* The id of each mapping of a tracks or levels list, as far as the import needs it. */
static void
meta_list(struct meta *mt, struct diag_list *dl, yaml_document_t *doc, yaml_node_t *v,
    int levels)
{
	yaml_node_item_t *item;

	if (v->type != YAML_SEQUENCE_NODE) {
		meta_diag(mt, dl, DIAG_BAD_VALUE, v, levels ? "expected a list of levels" :
		    "expected a list of tracks");
		return;
	}
	for (item = v->data.sequence.items.start; item < v->data.sequence.items.top; item++) {
		yaml_node_t *n = yaml_document_get_node(doc, *item);
		const char *id;

		if (n == NULL)
			continue;
		if (n->type != YAML_MAPPING_NODE || (id = scalar(doc, n, "id")) == NULL) {
			meta_diag(mt, dl, DIAG_MISSING_FIELD, n, levels ? "level without an id" :
			    "track without an id");
			continue;
		}
		if (levels) {
			struct lvl *l;
			const char *title = scalar(doc, n, "title"), *track = scalar(doc, n, "track");

			xgrow((void **)&mt->levels, &mt->levels_cap, mt->nlevels + 1,
			    sizeof(*mt->levels));
			l = &mt->levels[mt->nlevels++];
			memset(l, 0, sizeof(*l));
			l->id = xstrdup(id);
			l->title = xstrdup(title ? title : id);
			l->track = xstrdup(track ? track : "");
		} else {
			xgrow((void **)&mt->tracks, &mt->tracks_cap, mt->ntracks + 1,
			    sizeof(*mt->tracks));
			mt->tracks[mt->ntracks++] = xstrdup(id);
		}
	}
}

static void
parse_meta(struct meta *mt, struct diag_list *dl)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;

	if (!yaml_parser_initialize(&parser)) {
		fputs("egf: out of memory\n", stderr);
		exit(2);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)mt->data + mt->yaml_start,
	    mt->yaml_end - mt->yaml_start);
	if (!yaml_parser_load(&parser, &doc)) {
		unsigned line, col;

		meta_pos(mt, parser.problem_mark, &line, &col);
		diag_add(dl, DIAG_YAML_SYNTAX, mt->path, line, col, "%s%s%s",
		    parser.problem ? parser.problem : "malformed YAML",
		    parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		;	/* empty: every field from the defaults */
	else if (root->type != YAML_MAPPING_NODE)
		meta_diag(mt, dl, DIAG_YAML_SYNTAX, root, "the ladder metadata is not a mapping");
	else if (root->data.mapping.style == YAML_FLOW_MAPPING_STYLE || root->start_mark.column != 0)
		meta_diag(mt, dl, DIAG_BAD_VALUE, root,
		    "write the ladder metadata as a block mapping, one key per line from column 1");
	else
		for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top;
		    pair++) {
			yaml_node_t *k = yaml_document_get_node(&doc, pair->key);
			yaml_node_t *v = yaml_document_get_node(&doc, pair->value);
			int key;

			if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			for (key = 0; key < MK__MAX; key++)
				if (strcmp((const char *)k->data.scalar.value, meta_keys[key]) == 0)
					break;
			if (key == MK__MAX || mt->present[key])
				continue;	/* the validator reports unknown and duplicate keys */
			mt->present[key] = 1;
			if (key == MK_TRACKS || key == MK_LEVELS)
				meta_list(mt, dl, &doc, v, key == MK_LEVELS);
		}
	yaml_document_delete(&doc);
}

enum ladder_status
lc_meta_read(struct meta *mt, const char *path, struct diag_list *dl)
{
	size_t errors = diag_errors(dl), bad;
	const char *what;

	mt->path = path;
	switch (file_read(path, SOURCE_MAX_SIZE, &mt->data, &mt->len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "file is larger than %d bytes",
		    SOURCE_MAX_SIZE);
		return LADDER_INVALID;
	case FILE_ERRNO:
		fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		return LADDER_IO;
	}
	if (utf8_check(mt->data, mt->len, &bad, &what) != 0) {
		unsigned line, col;

		text_position(mt->data, bad, &line, &col);
		diag_add(dl, DIAG_ENCODING, path, line, col, "%s (byte 0x%02x)", what,
		    (unsigned char)mt->data[bad]);
		return LADDER_INVALID;
	}
	split_meta(mt, dl);
	parse_meta(mt, dl);
	return diag_errors(dl) > errors ? LADDER_INVALID : LADDER_OK;
}

void
lc_meta_clear(struct meta *mt)
{
	size_t i;

	for (i = 0; i < mt->ntracks; i++)
		free(mt->tracks[i]);
	free(mt->tracks);
	for (i = 0; i < mt->nlevels; i++) {
		free(mt->levels[i].id);
		free(mt->levels[i].title);
		free(mt->levels[i].track);
	}
	free(mt->levels);
	free(mt->data);
}
