/*
 * outcomes.h: team outcomes per cycle (docs/outcomes.md): key results,
 * the four delivery metrics, customer and health measures, imported from
 * CSV into the store and read back as the context of a team. Outcomes
 * belong to teams, never to a person, and are never part of a score.
 */
#ifndef EGF_OUTCOMES_H
#define EGF_OUTCOMES_H

#include <stddef.h>

#include "diag.h"
#include "store.h"

/* The delivery metrics (kind dora), in the order reports show them. */
#define OUTCOMES_NDORA 4
extern const char *const outcomes_dora[OUTCOMES_NDORA];
/* 1 when a smaller value of the dora metric is better (lead time, failures, restore time). */
int outcomes_lower_is_better(const char *dora_name);

/*
 * Imports FILE.csv (columns team,cycle,kind,name,value and optionally
 * target,unit,source, in any order) in one transaction: every (team, cycle)
 * in the file gets the file's rows as its next revision. A `person` column
 * is refused. Returns 0 when stored (a summary line printed on stdout), 1
 * when diagnosed (nothing stored), -1 after an I/O or database error.
 */
int outcomes_import(struct store *st, const char *path, struct diag_list *dl);

/* One measure; strings owned by its struct team_outcomes. */
struct outcome {
	char *kind, *name, *unit, *source;	/* unit and source NULL when empty */
	double value, target;
	int has_target;
};

/* A team's outcomes in a cycle, and in the cycle before it. */
struct team_outcomes {
	char *team, *cycle;		/* owned */
	struct outcome *items;		/* by kind, then name */
	size_t n, cap;
	char *previous;			/* the previous cycle with outcomes, or NULL */
	struct outcome *prev;		/* its outcomes */
	size_t nprev, prev_cap;
};

/*
 * Loads the team's outcomes of the cycle and of the previous cycle (the
 * one with outcomes of the team whose id sorts just before). Returns 0
 * (with t->n == 0 when none were imported) or -1 after a database error;
 * free with outcomes_clear either way.
 */
int outcomes_load(struct store *st, const char *team, const char *cycle,
    struct team_outcomes *t);
void outcomes_clear(struct team_outcomes *t);

/* The measure of that kind and name among items, or NULL. */
const struct outcome *outcomes_find(const struct outcome *items, size_t n, const char *kind,
    const char *name);

/* Counts of the loaded items of one kind. */
size_t outcomes_count(const struct team_outcomes *t, const char *kind);

/* Appends "2.5 days", "41": a value with its unit, whole whatever its length. */
void outcomes_format_value(struct buf *b, double v, const char *unit);

/* The kinds in the order reports show them, and their headings ("Key results"). */
#define OUTCOMES_NKINDS 4
extern const char *const outcomes_kinds[OUTCOMES_NKINDS];
const char *outcomes_kind_title(const char *kind);

/*
 * One measure as a line of text: "KR-1: 0.7, target 1 (source: okr tool)";
 * a delivery metric with the previous cycle's value and whether it got
 * better: "lead-time: 2.5 days; 2026-H1: 3.1 days, better". Caller frees.
 */
char *outcomes_line(const struct team_outcomes *t, const struct outcome *o);

/*
 * The team's outcomes in one short line, in the order reports show them,
 * for a column of context: "core-KR1 0.7 of 1; lead-time 2.5 days, better
 * than 2026-H1; NPS 41 of 45" (a delivery metric's trend only when the
 * previous cycle has it). Plain text, to be escaped; the caller frees.
 */
char *outcomes_summary(const struct team_outcomes *t);

/* For a dora metric with a value in the previous cycle: +1 better, -1 worse, 0 the same. */
int outcomes_trend(const struct outcome *now, const struct outcome *before);

struct jw;
/*
 * Writes "previous_cycle" and "outcomes" (each measure with kind, name,
 * value, target, unit, source; a delivery metric also with its previous
 * value and trend) as members of the JSON object open in w.
 */
void outcomes_json_members(struct jw *w, const struct team_outcomes *t);

/*
 * egf outcomes show: the outcomes of cycle, of team (NULL: every team with
 * outcomes in it, in order), appended to out as text or as a JSON array.
 * 1 when written, 0 when there are none (out untouched), -1 after a
 * database error was reported.
 */
enum outcomes_format { OUTCOMES_TEXT, OUTCOMES_JSON };
int outcomes_show(struct store *st, const char *cycle, const char *team,
    enum outcomes_format fmt, struct buf *out);

#endif
