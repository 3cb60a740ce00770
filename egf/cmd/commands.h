/*
 * commands.h: the commands (egf/cmd/cmd_*.c), each a struct cmd_ops (cli.h:
 * its options, parse and run) named in main.c's table, and their usage texts.
 */
#ifndef EGF_COMMANDS_H
#define EGF_COMMANDS_H

#include <getopt.h>

#include "cli.h"

extern const struct cmd_ops cmd_compile;
#define CMD_COMPILE_USAGE \
	"usage: egf compile [-W error] [--format xml|json] [-o FILE] LADDER\n" \
	"\n" \
	"Validates the ladder (a directory, or a compiled model.xml) and writes its\n" \
	"model: XML conforming to docs/egf-model.rng, or JSON. The format follows\n" \
	"--format, else the extension of -o, else XML. Without -o the model goes to\n" \
	"standard output. On any error no output file is written.\n" \
	"\n" \
	"  -o, --output FILE   write the model to FILE (atomically)\n" \
	"  -f, --format FMT    xml or json\n" \
	"  -W error            treat warnings as errors\n" \
	"  -W no-CHECK        do not report the warning CHECK\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_lint;
#define CMD_LINT_USAGE \
	"usage: egf lint [-W error] LADDER...\n" \
	"\n" \
	"Checks each ladder (a directory, or a compiled model.xml) and prints every\n" \
	"diagnostic as file:line:col: level: message [check]. Exit status 0 when\n" \
	"there are no errors, 1 when there are.\n" \
	"\n" \
	"  -W error            treat warnings as errors\n" \
	"  -W no-CHECK        do not report the warning CHECK\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_diff;
#define CMD_DIFF_USAGE \
	"usage: egf diff [-W error] [--format text|md|json] [-o FILE] OLD NEW\n" \
	"       egf diff --levels [--format text|md|json] [-o FILE] LADDER FROM TO\n" \
	"\n" \
	"Compares two versions of a ladder (each a directory or a compiled\n" \
	"model.xml) by id: per track and level the expectations added, removed,\n" \
	"reworded (with a word diff) or moved; tracks, levels and competencies\n" \
	"added, removed or changed; scale, promotion rule and ladder fields.\n" \
	"md is ready to paste into a pull request; json lists every change.\n" \
	"Exit status 0 when they are the same (text and md print nothing), 3 when\n" \
	"they differ.\n" \
	"\n" \
	"--levels shows what a person at level FROM must newly show at level TO:\n" \
	"per competency the expectations of TO (new, or kept when FROM has the\n" \
	"same text) and those of FROM that TO no longer lists (unlisted); exit 0.\n" \
	"\n" \
	"  -o, --output FILE   write to FILE (atomically) instead of standard output\n" \
	"  -f, --format FMT    text, md or json (default: the extension of -o, else text)\n" \
	"  --levels            compare two levels of one ladder\n" \
	"  -W error            treat warnings as errors\n" \
	"  -W no-CHECK        do not report the warning CHECK\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_import;
#define CMD_IMPORT_USAGE \
	"usage: egf import csv [options of import-csv] -o DIR FILE.csv\n" \
	"       egf import ft [-W error|no-CHECK] [--force] -o DIR FAMILY.yml\n" \
	"       egf import monzo [-W error|no-CHECK] [--force] -o DIR FRAMEWORK.md...\n" \
	"\n" \
	"Turns an existing ladder into a ladder directory that egf lint accepts:\n" \
	"csv as egf import-csv; ft a job family of Financial-Times/engineering-\n" \
	"progression (data/job-families/NAME.yml: themes become competencies,\n" \
	"levels ending in -ic and -pm fork into tracks); monzo framework files of\n" \
	"monzo/progression-framework (one track per file, topics become\n" \
	"competencies, exampleCriteria Example: items). Problems are reported at\n" \
	"the line of the source; on any error nothing is written. The source's\n" \
	"missing rating scale and promotion rule are egf's defaults [defaulted].\n" \
	"\n" \
	"  -o, --output DIR      the ladder directory to write (required)\n" \
	"  --force               replace DIR if it exists\n" \
	"  -W error              treat warnings as errors\n" \
	"  -W no-CHECK           do not report the warning CHECK\n" \
	"  -h, --help            show this help\n"

extern const struct cmd_ops cmd_import_csv;
/* egf import csv is import-csv: its options, parse and run (cmd_import_csv.c). */
struct import_csv_opts {
	const char *output, *meta, *file;	/* borrowed from argv */
	int force;
};
extern const struct option import_csv_options[];
int import_csv_parse(struct egf_ctx *ctx, int argc, char **argv, void *opts);
int import_csv_run(struct egf_ctx *ctx, void *opts);
/*
 * Refuses an output directory that is not empty without force, or that
 * holds one of the n sources (NULL entries skipped) which --force would
 * remove. EXIT_OK, or EXIT_USAGE after saying why.
 */
int import_output_check(struct egf_ctx *ctx, const char *output, int force,
    const char *const *sources, size_t n);
#define CMD_IMPORT_CSV_USAGE \
	"usage: egf import-csv [-W error] [--ladder-meta FILE.yaml] [--force] -o DIR FILE.csv\n" \
	"\n" \
	"Turns a spreadsheet ladder into a ladder directory (DIR/ladder.md and\n" \
	"DIR/competencies/ID.md) that egf lint accepts. FILE.csv is RFC 4180 with a\n" \
	"header naming the columns competency, area, level and expectation (any\n" \
	"case, any order); one row per expectation; levels in order of first\n" \
	"appearance. Competency ids are slugs of their names. --ladder-meta gives\n" \
	"the front matter of ladder.md (id, title, version, scale, meets, promotion,\n" \
	"tracks, levels); without it one track 'ic' and a 4-point scale are used.\n" \
	"Problems are reported at the row and column of the CSV; on any error\n" \
	"nothing is written. An existing non-empty DIR is only replaced with --force.\n" \
	"\n" \
	"  -o, --output DIR      the ladder directory to write (required)\n" \
	"  --ladder-meta FILE    the ladder.md front matter, as YAML\n" \
	"  --force               replace DIR if it exists\n" \
	"  -W error              treat warnings as errors\n" \
	"  -W no-CHECK           do not report the warning CHECK\n" \
	"  -h, --help            show this help\n"

extern const struct cmd_ops cmd_publish;
#define CMD_PUBLISH_USAGE \
	"usage: egf publish [--db FILE] [-W error] LADDER\n" \
	"\n" \
	"Validates the ladder and stores that version of it in the database. A\n" \
	"published version is immutable: publishing it again with the same content\n" \
	"does nothing; with other content it is refused with a list of the changes.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -W error            treat warnings as errors\n" \
	"  -W no-CHECK        do not report the warning CHECK\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_people;
#define CMD_PEOPLE_USAGE \
	"usage: egf people import [--db FILE] FILE.csv\n" \
	"\n" \
	"Imports the people list (RFC 4180 CSV with a header naming the columns\n" \
	"id, name, email, team, manager, track, level; email, team and manager may\n" \
	"be empty). People are inserted or updated by id. Tracks and levels are\n" \
	"checked against the latest published ladder and managers must exist in the\n" \
	"file or the database; one bad row and nothing of the file is stored.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_assess;
#define CMD_ASSESS_USAGE \
	"usage: egf assess new --person ID --cycle C [--role self|manager|peer]\n" \
	"                      [--rater ID] [--target LEVEL] [-o FILE]\n" \
	"       egf assess import FILE.md... | --csv FILE\n" \
	"       egf assess show --person ID --cycle C [--audience committee|employee]\n" \
	"                       [--peer-min N] [--format text|json|csv] [-o FILE]\n" \
	"\n" \
	"new prints a blank assessment form (its format: man 5 egf-form) for every\n" \
	"expectation of the person's target level (default: the next level in their\n" \
	"track) in the latest published ladder. The rater defaults to the person for\n" \
	"self forms and to their manager for manager forms.\n" \
	"\n" \
	"import validates each form against its published ladder version and the\n" \
	"people in the database, and stores each valid form in one transaction as\n" \
	"the next revision of (person, cycle, rater); earlier revisions are kept.\n" \
	"--csv imports rows person,cycle,rater,role,target,expectation,rating,\n" \
	"evidence[,link,link_kind] in one transaction (rows of one assessment\n" \
	"together). A form's 'Link: TARGET (KIND)' lines (TARGET an http(s) URL or\n" \
	"okr:ID, KIND okr, customer, incident, metric, design, code, doc or other)\n" \
	"tie a rating to an outcome; okr:ID should name a key result imported with\n" \
	"egf outcomes import (else the warning unknown-okr); evidence that counts\n" \
	"output with no link warns activity-evidence.\n" \
	"\n" \
	"show prints the person's ratings side by side per rater role, with their\n" \
	"evidence and links. Private notes are never shown. For --audience employee,\n" \
	"peers are anonymous and their feedback is shown only once --peer-min peers\n" \
	"(default 3) answered.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   write to FILE instead of standard output\n" \
	"  -f, --format FMT    text, json or csv (show)\n" \
	"  --audience A        committee (default) or employee (show)\n" \
	"  --peer-min N        peers needed before the employee sees peer feedback\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_readiness;
#define CMD_READINESS_USAGE \
	"usage: egf readiness --cycle C [--person ID] [--format text|json|csv] [-o FILE]\n" \
	"\n" \
	"For each person assessed in the cycle: per rater role, the share of the\n" \
	"target level's expectations rated at or above the ladder's `meets` (unrated\n" \
	"ones count as not met), whether the required competencies are met, and the\n" \
	"verdict from the manager's ratings: ready, borderline (within 0.1 below the\n" \
	"threshold) or not-ready. With --person, a detailed block.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   write to FILE instead of standard output\n" \
	"  -f, --format FMT    text, json or csv\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_decide;
#define CMD_DECIDE_USAGE \
	"usage: egf decide --person ID --cycle C --outcome promote|hold|defer\n" \
	"                  [--to LEVEL] --by ID [--note TEXT]\n" \
	"       egf decide --log [--cycle C]\n" \
	"\n" \
	"Records the promotion decision for a person in a cycle (one per person and\n" \
	"cycle; recording again changes it). --to defaults to the target level of\n" \
	"the person's assessment when the outcome is promote. Every decision and\n" \
	"every change goes into the audit log, which cannot be changed or deleted;\n" \
	"--log prints it (who, when, what, before, after).\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_calibrate;
#define CMD_CALIBRATE_USAGE \
	"usage: egf calibrate --cycle C [--team T] [--manager ID] [--level L]\n" \
	"                     [--target L] [--format text|csv|json|html] [-o FILE]\n" \
	"\n" \
	"The calibration report for the people of a cycle, optionally sliced by team,\n" \
	"manager, current level (--level) or the level they are assessed against\n" \
	"(--target; slices combine): per person readiness and mean rating per role,\n" \
	"the self-minus-manager gap, verdict and decision; per manager the mean\n" \
	"rating given and its z-score against the slice's raters (lenient above +1,\n" \
	"severe below -1); quadratic-weighted kappa between self and manager,\n" \
	"overall and per team; per level the readiness histogram, outliers (|z| > 2)\n" \
	"and a side-by-side view of the mean manager rating per competency; the\n" \
	"evidence flags per person, rater and team: unsupported (above meets with\n" \
	"no evidence and no link), activity-only (evidence that counts output, such\n" \
	"as story points or commits, with no link) and the share linked to an\n" \
	"outcome; and each team's outcomes as context, never part of a score.\n" \
	"csv has one row per person with formula-like cells neutralised; html is one\n" \
	"self-contained page with SVG charts and no script.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   write to FILE; the format follows its extension\n" \
	"  -f, --format FMT    text, csv, json or html\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_outcomes;
#define CMD_OUTCOMES_USAGE \
	"usage: egf outcomes import [--db FILE] FILE.csv\n" \
	"       egf outcomes show --cycle C [--team T] [--format text|json] [-o FILE]\n" \
	"\n" \
	"Team outcomes per cycle: the context of calibration and packets, never a\n" \
	"score of a person. import reads a CSV with the columns team, cycle, kind,\n" \
	"name, value and optionally target, unit, source (any order, any case):\n" \
	"kind okr (name: the key result id, which forms link as okr:ID; value: its\n" \
	"score or progress), dora (name lead-time, deploy-frequency,\n" \
	"change-failure-rate or time-to-restore), customer (NPS, CSAT or any named\n" \
	"measure) or health. Every team and cycle in the file gets its rows as the\n" \
	"next revision, in one transaction; the previous one is kept in history.\n" \
	"Outcomes belong to teams: a person column is refused.\n" \
	"show prints the current outcomes of a cycle, the delivery metrics against\n" \
	"the team's previous cycle (the one whose id sorts just before).\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   write to FILE instead of standard output (show)\n" \
	"  -f, --format FMT    text or json (show)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_packet;
#define CMD_PACKET_USAGE \
	"usage: egf packet --person ID --cycle C [--audience committee|employee]\n" \
	"                  [--template FILE] -o FILE.pdf\n" \
	"       egf packet --cycle C --all [--audience A] [--template FILE] -o DIR\n" \
	"       egf packet --ladder LADDER [--template FILE] -o FILE.pdf\n" \
	"\n" \
	"Writes the promotion packet of a person as PDF: cover, readiness summary\n" \
	"with a chart of self, manager and peer ratings per competency, the team's\n" \
	"outcomes of the cycle as context, every target-level expectation with its\n" \
	"ratings, evidence and outcome links, and for the committee the\n" \
	"calibration context (with the evidence flags), private notes and a\n" \
	"sign-off block.\n" \
	"The employee copy never holds private notes nor a peer's name. --all\n" \
	"writes DIR/ID.pdf for everyone assessed in the cycle, with a progress bar\n" \
	"on a terminal; a packet that cannot be made is named and skipped, and the\n" \
	"exit status is 2 at the end.\n" \
	"--ladder writes the ladder itself as a printable booklet.\n" \
	"The layout comes from templates/packet.xml (schema docs/packet.rng).\n" \
	"With SOURCE_DATE_EPOCH set, the same inputs give the same bytes.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output PATH   the PDF file, or the directory for --all\n" \
	"  --template FILE     another layout\n" \
	"  --peer-min N        the employee copy shows peer feedback, without names,\n" \
	"                      only once N peers answered (default 3)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_site;
#define CMD_SITE_USAGE \
	"usage: egf site [-W error] [--template-dir DIR] -o OUTDIR LADDER\n" \
	"\n" \
	"Writes a static HTML site of the ladder (a directory, or a compiled\n" \
	"model.xml) into OUTDIR: index.html, a page per level (levels/ID.html) and\n" \
	"per competency (competencies/ID.html), matrix.html (competencies by level)\n" \
	"and assess.html, a self-assessment page that works offline and downloads\n" \
	"the form egf assess import reads. The site is built beside OUTDIR and\n" \
	"renamed into place; an existing OUTDIR is replaced only when it is empty\n" \
	"or holds an earlier site (a .egf-site file).\n" \
	"\n" \
	"  -o, --output DIR      the site directory (required)\n" \
	"  --template-dir DIR    layout.html, style.css and assess.js from DIR\n" \
	"                        (default: the installed templates/site)\n" \
	"  -W error              treat warnings as errors\n" \
	"  -h, --help            show this help\n"

extern const struct cmd_ops cmd_backup;
#define CMD_BACKUP_USAGE \
	"usage: egf backup [--db FILE] -o FILE\n" \
	"\n" \
	"Writes a consistent copy of the database, even while other egf processes\n" \
	"write to it (SQLite's online backup), as one self-contained file, mode 0600,\n" \
	"checked with PRAGMA integrity_check. -o - writes it to standard output.\n" \
	"docs/store.md describes restoring. People erased later (egf person erase)\n" \
	"stay in the copies made earlier.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   the copy (required)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_person;
#define CMD_PERSON_USAGE \
	"usage: egf person export ID [--include-private] [-o FILE]\n" \
	"       egf person erase ID [--yes] [--by WHO]\n" \
	"\n" \
	"export writes one JSON document with everything the database holds about\n" \
	"the person: profile, direct reports, every revision of every assessment\n" \
	"about them and by them with ratings and evidence, the decisions about them\n" \
	"and made by them with their notes, and the audit entries that name them.\n" \
	"Private notes are included only with --include-private: whether a person\n" \
	"receives the committee's private notes is the organisation's decision.\n" \
	"The file is created mode 0600.\n" \
	"\n" \
	"erase removes the person for good: profile, self-assessments, evidence,\n" \
	"private notes and decision notes about them or by them, and earlier\n" \
	"revisions. The ratings others gave them and they gave others stay for the\n" \
	"cycle statistics under a random tombstone id (\"(erased)\"), as do their\n" \
	"decisions and audit entries, without free text; their name and e-mail are\n" \
	"replaced by [erased] in every text that stays. One audit entry records the\n" \
	"erasure (egf decide --log). The file and its WAL are then rewritten so that\n" \
	"none of the erased bytes remain. Copies made earlier by egf backup are not\n" \
	"reached. Without --yes the person's id must be typed on a terminal.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  -o, --output FILE   export: write to FILE instead of standard output\n" \
	"  --include-private   export: with the private notes\n" \
	"  --yes               erase: without asking\n" \
	"  --by WHO            erase: who the audit log names (default: the login name)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_retention;
#define CMD_RETENTION_USAGE \
	"usage: egf retention --keep-cycles N [--dry-run] [--by WHO]\n" \
	"\n" \
	"Removes the evidence and private notes of every cycle but the N most recent\n" \
	"(by when the cycle was first stored, then by id), and lists each text it\n" \
	"removes. Ratings, decisions and the audit log stay, so trends over cycles\n" \
	"keep their numbers. --dry-run lists exactly the same and changes nothing.\n" \
	"A run is recorded in the audit log, and the file and its WAL are rewritten\n" \
	"so that none of the removed bytes remain.\n" \
	"\n" \
	"  --db FILE           the database (default: $EGF_DB, else ./egf.db)\n" \
	"  --keep-cycles N     how many of the most recent cycles keep their texts\n" \
	"  -n, --dry-run       list what would be removed; change nothing\n" \
	"  --by WHO            who the audit log names (default: the login name)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_serve;
#define CMD_SERVE_USAGE \
	"usage: egf serve [--db FILE] [--listen ADDR:PORT] [--auth local|proxy]\n" \
	"                 [--proxy-header NAME --trusted-proxy ADDR[/BITS]...]\n" \
	"                 [--tls-cert FILE --tls-key FILE] [--insecure-cookies] [options]\n" \
	"\n" \
	"Serves the web application and the JSON API (/api/v1/...) over the database:\n" \
	"the ladder, and what each signed-in account may see of the people and their\n" \
	"assessments (docs/serve.md has the roles). Accounts come from egf user.\n" \
	"--auth local (default) signs people in with their password on /login;\n" \
	"--auth proxy believes the email in the header NAME that a reverse proxy\n" \
	"sets, only from the trusted addresses. API clients send\n" \
	"'Authorization: Bearer TOKEN' (egf user token). GET /healthz answers 200.\n" \
	"SIGTERM or SIGINT stops it after the requests in flight (exit 0).\n" \
	"\n" \
	"  -l, --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0: any free)\n" \
	"  --auth MODE              local or proxy\n" \
	"  --proxy-header NAME      the proxy's header with the user's email\n" \
	"  --trusted-proxy CIDR     an address or network of the proxy (repeatable)\n" \
	"  --tls-cert, --tls-key    serve HTTPS with this PEM certificate and key\n" \
	"  --insecure-cookies       session cookies without Secure (plain HTTP tests only)\n" \
	"  --threads N              worker threads, each with its database connection (4)\n" \
	"  --max-connections N      connections at once (256)\n" \
	"  --max-per-address N      connections from one IP address (64; 0: no limit)\n" \
	"  --timeout SECONDS        an idle connection is closed after this (30)\n" \
	"  --body-limit BYTES       larger request bodies get 413 (1048576)\n" \
	"  --session-idle SECONDS   a web session unused this long ends (7200)\n" \
	"  --session-max SECONDS    a web session ends this long after sign-in (43200)\n" \
	"  --retention-keep-cycles N  at start and daily, remove the evidence and private\n" \
	"                           notes of all but the N newest cycles (egf retention)\n" \
	"  --routes                 print the route table and exit\n" \
	"  -d, --db FILE            the database (default $EGF_DB, else ./egf.db)\n" \
	"  -h, --help               show this help\n"

extern const struct cmd_ops cmd_user;
#define CMD_USER_USAGE \
	"usage: egf user add [--db FILE] [--role hr|admin]... [--email ADDR] [--password-stdin] ID\n" \
	"       egf user token [--db FILE] [--days N] ID\n" \
	"       egf user disable [--db FILE] ID\n" \
	"       egf user list [--db FILE]\n" \
	"\n" \
	"Accounts for egf serve. ID is a person id (the account then sees what that\n" \
	"person may see, and takes their email), or any id for an account that is\n" \
	"not a person (an hr or admin account). add creates the account or updates\n" \
	"it (roles replaced, enabled again); with --password-stdin it reads the\n" \
	"password (8 characters or more) as one line of standard input and stores\n" \
	"its Argon2id hash. token prints a new API token as the only line of its\n" \
	"output (only its hash is stored: keep it), valid for --days (default 90).\n" \
	"disable disables the account and revokes its tokens and sessions. list\n" \
	"prints id, roles, email, password, state and tokens, tab-separated.\n" \
	"\n" \
	"  --role ROLE         hr (sees everyone) or admin (hr's rights, manages accounts)\n" \
	"  --email ADDR        the email that --auth proxy matches (default: the person's)\n" \
	"  --password-stdin    read the password from standard input\n" \
	"  --days N            the token's lifetime in days (1 to 3650, default 90)\n" \
	"  -d, --db FILE       the database (default $EGF_DB, else ./egf.db)\n" \
	"  -h, --help          show this help\n"

extern const struct cmd_ops cmd_cycle;
#define CMD_CYCLE_USAGE \
	"usage: egf cycle open C --ladder [ID@]VERSION [--self-due D] [--manager-due D]\n" \
	"                  [--calibration D] [--release D] [--people FILE] [--by ID]\n" \
	"       egf cycle phase C PHASE [--by ID]\n" \
	"       egf cycle show C [--format text|json] [-o FILE]\n" \
	"       egf cycle reopen C --person ID --role self|manager|peer [--rater ID] [--by ID]\n" \
	"\n" \
	"A review cycle with phases: self, manager, calibration, released, closed.\n" \
	"open names the cycle's ladder version (ID defaults to the latest published\n" \
	"ladder's), its people (FILE: one person id a line; default everyone in the\n" \
	"people table) and its dates (YYYY-MM-DD, UTC): the manager phase starts the\n" \
	"day after --self-due, calibration on --calibration (else the day after\n" \
	"--manager-due), released on --release; the due dates also say who is late.\n" \
	"phase moves the cycle forward by one phase (never back); a date that has\n" \
	"passed moves it too. Forms are accepted in self and manager; from\n" \
	"calibration on egf assess import and egf serve refuse them [cycle-locked].\n" \
	"reopen lets one form of a locked cycle be submitted once more. Results are\n" \
	"shown to the people in released and closed. Every change is in the audit\n" \
	"log (egf decide --log --cycle C). A cycle never opened is always open.\n" \
	"\n" \
	"  --ladder [ID@]VERSION  the published ladder version of the cycle\n" \
	"  --self-due D           self-assessments due (last day of phase self)\n" \
	"  --manager-due D        manager assessments due\n" \
	"  --calibration D        the first day of phase calibration\n" \
	"  --release D            the first day of phase released\n" \
	"  --people FILE          the cycle's people, one id a line (# comments)\n" \
	"  --person, --role, --rater  the form to reopen (--rater: default the person)\n" \
	"  --by ID                who does it, for the audit log (default: login name)\n" \
	"  -f, --format FMT       show as text or json (default: -o's extension, else text)\n" \
	"  -o, --output FILE      write show to FILE (atomically)\n" \
	"  --db FILE              the database (default $EGF_DB, else ./egf.db)\n" \
	"  -h, --help             show this help\n"

#endif
