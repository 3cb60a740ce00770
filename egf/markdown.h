/*
 * markdown.h: what egf needs from cmark: parsing a body with positions
 * shifted to the file, plain text and safe HTML of nodes, and links.
 */
#ifndef EGF_MARKDOWN_H
#define EGF_MARKDOWN_H

#include <cmark.h>
#include <stddef.h>

/*
 * Parses Markdown (never CMARK_OPT_UNSAFE). The caller frees the tree with
 * cmark_node_free. Line numbers are relative to text; add the body's line.
 */
cmark_node *md_parse(const char *text, size_t len);

/*
 * Plain text of a node: inline text joined, soft and hard breaks as spaces,
 * blocks separated by block_sep. The caller frees it.
 */
char *md_text(cmark_node *node, const char *block_sep);

/* Plain text of the siblings from first up to (not including) stop. Caller frees. */
char *md_text_range(cmark_node *first, cmark_node *stop, const char *block_sep);

/*
 * Safe HTML of the siblings from first up to (not including) stop, without
 * the trailing newline. The caller frees it.
 */
char *md_html_range(cmark_node *first, cmark_node *stop);

/*
 * The pre-check that keeps parsing fast: cmark 0.30.2 (Debian bookworm)
 * takes quadratic time on runs of images nested in links ('![[]()' repeated,
 * CVE-2023-22486); no other input under the 1 MiB size limit takes it above
 * half a second, but a megabyte of brackets takes a second. More than
 * MD_MAX_IMAGES image openers ('![') or MD_MAX_BRACKETS brackets ('[') in
 * one file are refused. Returns 0, or -1 with *off at the first one over
 * the limit.
 */
#define MD_MAX_IMAGES 1000
#define MD_MAX_BRACKETS 50000
int md_check_complexity(const char *text, size_t len, size_t *off);

/* Calls fn for every link and image below root, in document order. */
void md_each_link(cmark_node *root, void (*fn)(cmark_node *link, void *arg), void *arg);

#endif
