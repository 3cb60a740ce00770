/*
 * model.h: the validated ladder model and its queries.
 *
 * A model is produced by the ladder reader (ladder.h) from Markdown, or by
 * model_xml_read (model_xml.h) from a compiled model file; every report reads
 * it, never the Markdown again. The structures below are the contract: their
 * fields are read-only for everybody but the producers, which fill them
 * through the model_add_* calls. All memory belongs to the model and is
 * released by model_free; pointers into a model stay valid until then.
 */
#ifndef EGF_MODEL_H
#define EGF_MODEL_H

#include <stddef.h>

struct arena;
struct strmap;

/* Where a node came from: a path relative to the ladder directory, 1-based. */
struct model_pos {
	const char *file;
	unsigned line, col;
};

struct model_scale_point {
	const char *id;
	const char *label;
	long value;
	struct model_pos pos;
};

struct model_track {
	const char *id;
	const char *title;
	const char *from_id;		/* the level it branches off at, or NULL */
	const struct model_level *from;	/* resolved; NULL when none or unknown */
	struct model_pos from_pos;
	const char *description_text;	/* NULL when not given */
	const char *description_html;
	struct model_pos pos;
};

struct model_level {
	const char *id;
	const char *title;
	const char *track_id;
	const struct model_track *track;	/* NULL until resolved */
	struct model_pos track_pos;	/* the track value */
	size_t index;			/* position in model->levels */
	size_t rank;			/* 0-based position within its track */
	const char *description_text;	/* NULL when not given */
	const char *description_html;
	struct model_pos pos;
};

/* An `Example:` item of an expectation (the text after "Example:"). */
struct model_example {
	const char *text;
	const char *html;
	struct model_pos pos;
};

/* A name="value" attribute of an expectation (e.g. proficiency). */
struct model_attr {
	const char *name;
	const char *value;
};

struct model_expectation {
	const char *id;
	int explicit_id;		/* given as {#id} rather than generated */
	const char *level_id;		/* as written in the section heading */
	const struct model_level *level;	/* NULL until resolved */
	const struct model_competency *competency;
	size_t position;		/* 1-based within its level section */
	const char *text;		/* plain text */
	const char *html;		/* cmark HTML, safe mode */
	struct model_pos pos;		/* the list item */
	struct model_pos id_pos;	/* the {#id}, else the item */
	struct model_example *examples;	/* in source order; model memory */
	size_t nexamples;
	struct model_attr *attrs;	/* in source order; model memory */
	size_t nattrs;
};

/* A `## LEVEL` heading of a competency file, kept for diagnostics. */
struct model_section {
	const char *level_id;
	size_t nexpectations;
	struct model_pos pos;
};

struct model_competency {
	const char *id;
	const char *area;		/* NULL when not given */
	int has_order;			/* `order:` was given */
	long order;
	struct model_pos order_pos;
	const char *title;
	const char **track_ids;		/* resolved: all tracks when not given */
	struct model_pos *track_pos;	/* where each was written */
	size_t ntracks;
	const char **from_ids;		/* first level per track, may be empty */
	size_t nfrom;
	struct model_pos *from_pos;
	const char *description_text;
	const char *description_html;
	struct model_expectation **expectations;	/* in source order */
	size_t nexpectations, expectations_cap;
	struct model_section *sections;	/* only from Markdown; empty from XML */
	size_t nsections, sections_cap;
	struct model_pos pos;		/* the file, line 1 */
	struct model_pos id_pos;	/* the id value in the front matter */
	struct model_pos area_pos;
};

/* One entry of the ladder's `checks:`: a check's level for this ladder. */
struct model_check {
	const char *name;		/* as written */
	int code;			/* an enum diag_code, -1 when unknown */
	int level;			/* 0 off, 1 warning, 2 error; -1 when invalid */
	struct model_pos pos;
};

struct model {
	const char *id;
	const char *title;
	const char *version;
	struct model_scale_point **scale;	/* lowest first */
	size_t nscale, scale_cap;
	struct model_pos id_pos;
	const char *meets;
	struct model_pos meets_pos;
	double threshold;
	struct model_pos threshold_pos;
	const char **required;		/* competency ids */
	struct model_pos *required_pos;
	size_t nrequired, required_cap;
	const char **activity_terms;	/* ladder.md activity_terms: more words that count output */
	size_t nactivity_terms, activity_terms_cap;
	struct model_track **tracks;
	size_t ntracks, tracks_cap;
	struct model_level **levels;	/* lowest first */
	size_t nlevels, levels_cap;
	const char **areas;		/* in order of first appearance */
	size_t nareas, areas_cap;
	struct model_competency **competencies;	/* by order, then file name */
	size_t ncompetencies, competencies_cap;
	const char *intro_text;
	const char *intro_html;
	int cumulative;			/* 1 (the default) unless `cumulative: false` */
	struct model_check *checks;	/* the ladder's `checks:`, model memory */
	size_t nchecks;
	size_t nexpectations;		/* over all competencies */
	struct arena *arena;
	struct strmap *expectation_index;	/* id -> expectation, by model_resolve */
	struct strmap *level_index;		/* id -> first level of that id */
	struct strmap *track_index;		/* id -> first track of that id */
	struct strmap *competency_index;	/* id -> first competency of that id */
};

/* A new empty model; release it with model_free. */
struct model *model_new(void);
/* Releases the model and everything in it; accepts NULL. */
void model_free(struct model *m);
/* Copies a string into the model's memory. */
const char *model_strdup(struct model *m, const char *s);
const char *model_strndup(struct model *m, const char *s, size_t n);

/* Append a zeroed node and return it; the model owns it. */
struct model_scale_point *model_add_scale_point(struct model *m);
struct model_track *model_add_track(struct model *m);
struct model_level *model_add_level(struct model *m);
struct model_competency *model_add_competency(struct model *m);
struct model_expectation *model_add_expectation(struct model *m, struct model_competency *c);
struct model_section *model_add_section(struct model *m, struct model_competency *c);
void model_add_required(struct model *m, const char *id, struct model_pos pos);
/* Adds a term (copied) to the ladder's activity_terms. */
void model_add_activity_term(struct model *m, const char *term);
/* Sets the competency's track and from lists (copied). */
void model_set_tracks(struct model *m, struct model_competency *c, const char **ids,
    const struct model_pos *pos, size_t n);
void model_add_from(struct model *m, struct model_competency *c, const char *id, struct model_pos pos);

/*
 * Resolves references after reading: level tracks, expectation levels,
 * level ranks, areas. Unresolvable references stay NULL; the validator
 * reports them. Call once, after every node was added.
 */
void model_resolve(struct model *m);

/* Queries; they return borrowed pointers into the model or NULL. */
const struct model_track *model_track(const struct model *m, const char *id);
const struct model_level *model_level(const struct model *m, const char *id);
const struct model_competency *model_competency(const struct model *m, const char *id);
const struct model_scale_point *model_scale_point(const struct model *m, const char *id);
/* The scale point a rating names: its id, its label (any case) or its value. */
const struct model_scale_point *model_scale_lookup(const struct model *m, const char *rating);
/* The expectation with that id, or NULL (after model_resolve). */
const struct model_expectation *model_expectation(const struct model *m, const char *id);
/* The level after l in its track, or NULL at the top. */
const struct model_level *model_next_level(const struct model *m, const struct model_level *l);
/*
 * The career of a track: the levels a person on it holds in order, the
 * trunk's levels up to the one it branches off at (`from:`, recursively),
 * then its own. Fills up to max levels into out and returns how many there
 * are; a cycle of `from:` stops at the first repeated track.
 */
size_t model_career(const struct model *m, const struct model_track *t,
    const struct model_level **out, size_t max);
/* 1 when l is on the career of track t (its own level or a trunk level). */
int model_in_career(const struct model *m, const struct model_track *t,
    const struct model_level *l);
/*
 * The level after l for a person on track t (NULL: l's own track): the next
 * level of t's career, so past a fork the branch's first level. NULL at the
 * top or when l is not on t's career.
 */
const struct model_level *model_next_level_on(const struct model *m,
    const struct model_track *t, const struct model_level *l);
/* Adds an example or an attribute to e (strings copied). */
void model_add_example(struct model *m, struct model_expectation *e, const char *text,
    const char *html, struct model_pos pos);
void model_add_attr(struct model *m, struct model_expectation *e, const char *name,
    const char *value);
/* Adds a `checks:` entry (name copied). */
struct model_check *model_add_check(struct model *m, const char *name);
/*
 * The competencies as reports list them: grouped by area, areas in order of
 * first appearance, and a competency without an area at its own place.
 * Fills out (m->ncompetencies entries).
 */
void model_display_order(const struct model *m, const struct model_competency **out);
/* Puts the competencies in their order: `order:` first, ascending, then by file name. */
void model_sort_competencies(struct model *m);
/* 1 when the competency applies to the level (its track, at or above `from`). */
int model_applies(const struct model *m, const struct model_competency *c,
    const struct model_level *l);
/* The rank of the first level the competency applies to in a track (0 without `from`). */
size_t model_from_rank(const struct model *m, const struct model_competency *c, const char *track_id);
/* 1 when the competency lists the track. */
int model_has_track(const struct model_competency *c, const char *track_id);

#endif
