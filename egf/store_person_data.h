/*
 * store_person_data.h: personal data in the store: everything held about a
 * person as one JSON document, erasing a person for good, retention of old
 * cycles' texts, and consistent backups (design: docs/store.md).
 *
 * Like store.h, every function that can fail prints what went wrong
 * ("egf: DB: ...") and returns -1.
 */
#ifndef EGF_STORE_PERSON_DATA_H
#define EGF_STORE_PERSON_DATA_H

#include <stddef.h>

#include "json_text.h"
#include "store.h"

/*
 * The cut of an export that the person themself receives (docs/store.md,
 * "The person's own cut"): the reader's rules decide, per assessment and
 * decision about the person, what of it they see; the rest of the cut is
 * fixed: no private note about them, the audit entries they made, and of
 * the access log what they did and the failed sign-ins to their account.
 */
#define STORE_CUT_SHOWN 1	/* the assessment is in the cut */
#define STORE_CUT_ANONYMOUS 2	/* without its rater, id, time, source and source hash */
struct store_export_cut {
	/*
	 * The view of the assessment about the person of role ("self",
	 * "manager", "peer") by rater in cycle, peers the number of raters of
	 * current peer assessments of the person in that cycle: 0 (left out) or
	 * STORE_CUT_* bits. Strings borrowed for the call.
	 */
	unsigned (*assessment)(const char *cycle, const char *role, const char *rater,
	    long long peers, void *arg);
	/* The decision about the person in cycle: 0 left out, 1 outcome and level, 2 whole. */
	int (*decision)(const char *cycle, void *arg);
	void *arg;
};

/*
 * Writes one JSON object with everything the store holds about person:
 * profile, direct reports, every assessment about them and by them (every
 * revision, ratings, evidence; private notes only when with_private),
 * decisions about them and made by them, and the audit and access-log
 * entries that name them. With cut non-NULL (borrowed), the same document
 * cut for the person themself: with_private is ignored (no private note
 * about them; their own notes on others stay, they wrote them). generated_at
 * is borrowed. Returns 1 written, 0 no such person (w untouched), -1 on
 * error.
 */
int store_person_export(struct store *st, const char *person, int with_private,
    const struct store_export_cut *cut, const char *generated_at, struct jw *w);

/* What an erasure did. */
struct store_erasure {
	char tombstone[32];		/* "erased-" and 16 random hex digits */
	long long assessments_removed;	/* self, all revisions but the current, ... */
	long long assessments_detached;	/* kept for the cycle statistics, person -> tombstone */
	long long texts_removed;	/* evidence and private notes */
	long long decisions_detached;	/* decision_log rows now naming the tombstone */
	long long audit_rewritten;	/* audit_log rows now naming the tombstone */
	long long redactions;		/* others' texts with the name or e-mail replaced */
	long long server_rows;		/* egf serve's rows removed or given the tombstone */
	int scrubbed;			/* 1: checkpoint and VACUUM completed */
};

/*
 * Erases person in one transaction (with secure_delete on): the profile,
 * their self-assessments, every revision but the current one of the
 * assessments about them and by them, all evidence and private notes of
 * those, decision notes about them or by them. The current manager and
 * peer ratings about them, and the ratings they gave others, stay with the
 * person replaced by a random tombstone (a people row named "(erased)"
 * keeping team, manager, track and level so that cycle statistics stay
 * the same); decision_log and audit_log rows get the tombstone through the
 * erasure_authorisation path; the person's name and e-mail are replaced by
 * "[erased]" in every remaining text; egf serve's account, credentials,
 * failed sign-ins and peer requests of the person go, their committee seats
 * and access-log entries keep the tombstone (the address of what they did
 * goes); one audit entry (actor, borrowed)
 * records the erasure. Afterwards the WAL is checkpointed (TRUNCATE), the
 * file VACUUMed and checkpointed again; out->scrubbed is 0 when another
 * connection kept that from completing. Returns 1 erased, 0 no such
 * person, -1 on error (nothing changed).
 */
int store_person_erase(struct store *st, const char *person, const char *actor,
    struct store_erasure *out);

/*
 * The audit text (a decision as "OUTCOME[ to L] (by ID)[: NOTE]") with the
 * decider person replaced by tombstone and the note dropped when about is
 * non-zero (the entry's subject is the person) or the person decided.
 * Text of another form is kept, or dropped (NULL) when about. NULL text
 * gives NULL. The caller frees the result.
 */
char *store_audit_redact(const char *text, const char *person, const char *tombstone,
    int about);

/*
 * 1 when an erasure authorisation row exists outside an erasure (egf
 * removes it in the erasure's own transaction, so only a change made by
 * hand leaves one: the logs could then be edited), 0 when none, -1.
 */
int store_erasure_pending(struct store *st);

/* One text that retention removes. Fields borrowed for the call only. */
struct store_retention_row {
	const char *kind;	/* "evidence" or "private-note" */
	const char *cycle, *person, *role, *rater, *expectation;
	int revision;
};

struct store_retention {
	char **kept, **pruned;	/* cycle ids, newest first; owned */
	size_t nkept, npruned;
	long long evidence, notes;	/* texts removed (or that would be) */
};

/*
 * Removes the evidence and private notes of every cycle but the keep most
 * recent (by creation, then id; ratings, decisions and the audit log stay).
 * fn is called for each text before it goes. With apply zero the same
 * work is rolled back (a dry run lists exactly what a run removes);
 * otherwise it is committed with an audit entry by actor (borrowed) and
 * the file is scrubbed as after an erasure. Returns 0 or -1; clear *out
 * with store_retention_clear either way.
 */
int store_retention_run(struct store *st, long keep, int apply, const char *actor,
    void (*fn)(const struct store_retention_row *row, void *arg), void *arg,
    struct store_retention *out);
void store_retention_clear(struct store_retention *r);

/*
 * Copies the database into the new, empty file dest (SQLite's online
 * backup: one read transaction, so a consistent copy while others write),
 * in rollback-journal mode so that the copy is one file, and checks it with
 * PRAGMA integrity_check. Returns 0, or -1 after printing why.
 */
int store_backup(struct store *st, const char *dest);

#endif
