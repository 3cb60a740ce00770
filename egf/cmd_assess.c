/* cmd_assess.c: egf assess new | import | show */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "assess_import.h"
#include "assess_view.h"
#include "commands.h"
#include "cycle.h"
#include "cycle_phase.h"
#include "published.h"
#include "store.h"

struct assess_opts {
	const char *person, *cycle, *role, *rater, *target, *output, *format, *csv;
	int employee;		/* show: the employee's view */
	unsigned peer_min;
};

static const struct option assess_longopts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "person", required_argument, NULL, 'p' },
	{ "cycle", required_argument, NULL, 'c' },
	{ "role", required_argument, NULL, 'r' },
	{ "rater", required_argument, NULL, 'R' },
	{ "target", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "csv", required_argument, NULL, 'C' },
	{ "audience", required_argument, NULL, 'a' },
	{ "peer-min", required_argument, NULL, 'P' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Parses options after the subcommand; -1 when the command is done (rc set). */
static int
parse_options(struct egf_ctx *ctx, int argc, char **argv, struct assess_opts *o, int *rc)
{
	int ch;

	memset(o, 0, sizeof(*o));
	o->peer_min = CYCLE_PEER_MIN;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "d:o:f:h", assess_longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'p': o->person = optarg; break;
		case 'c': o->cycle = optarg; break;
		case 'r': o->role = optarg; break;
		case 'R': o->rater = optarg; break;
		case 't': o->target = optarg; break;
		case 'o': o->output = optarg; break;
		case 'f': o->format = optarg; break;
		case 'C': o->csv = optarg; break;
		case 'a':
			if (strcmp(optarg, "committee") != 0 && strcmp(optarg, "employee") != 0) {
				*rc = cli_usage_error(ctx, "--audience takes committee or employee");
				return -1;
			}
			o->employee = strcmp(optarg, "employee") == 0;
			break;
		case 'P':
			if (cli_peer_min(ctx, optarg, &o->peer_min) != 0) {
				*rc = EXIT_USAGE;
				return -1;
			}
			break;
		case 'h':
			*rc = cli_help(ctx->command);
			return -1;
		default:
			*rc = cli_option_error(ctx, argv, assess_longopts);
			return -1;
		}
	}
	return 0;
}

/* egf assess new: a blank form for the person's target level. */
static int
assess_new(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct store *st;
	struct published pub;
	struct store_person person, rater;
	const struct model *m;
	const struct model_level *level, *target;
	struct assess_blank blank;
	struct cycle_state cs;
	struct buf out = {0};
	long long rowid;
	int found, role, rc = EXIT_USAGE;

	if (o->person == NULL || o->cycle == NULL)
		return cli_usage_error(ctx, "assess new needs --person and --cycle");
	if ((role = assess_role_parse(o->role ? o->role : "self")) < 0)
		return cli_usage_error(ctx, "--role takes self, manager or peer");
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	published_init(&pub, st, &ctx->diags);
	memset(&person, 0, sizeof(person));
	memset(&rater, 0, sizeof(rater));
	memset(&cs, 0, sizeof(cs));
	/* an opened cycle names its ladder version; any other takes the latest */
	if (cycle_state_get(st, o->cycle, &cs) != 0)
		goto out;
	if (cs.opened) {
		rowid = cs.row.ladder;
		m = published_get(&pub, rowid);
	} else if ((m = published_latest(&pub, &rowid, &found)) == NULL && !found)
		fprintf(stderr, "egf assess: no ladder is published yet\n");
	if (m == NULL)
		goto out;
	if ((found = store_person_get(st, o->person, &person)) <= 0) {
		if (found == 0)
			fprintf(stderr, "egf assess: no person '%s' in the database\n", o->person);
		goto out;
	}
	if ((level = model_level(m, person.level)) == NULL) {
		fprintf(stderr, "egf assess: %s's level '%s' is not in ladder %s %s\n", person.id,
		    person.level, m->id, m->version);
		goto out;
	}
	target = o->target ? model_level(m, o->target) : model_next_level_on(m,
	    person.track ? model_track(m, person.track) : NULL, level);
	if (target == NULL) {
		if (o->target)
			fprintf(stderr, "egf assess: no level '%s' in ladder %s %s\n", o->target,
			    m->id, m->version);
		else
			fprintf(stderr, "egf assess: %s is at the top of track '%s'; name a level "
			    "with --target\n", person.id, person.track ? person.track : level->track_id);
		goto out;
	}
	blank.rater = o->rater;
	if (blank.rater == NULL && role == ROLE_SELF)
		blank.rater = person.id;
	if (blank.rater == NULL && role == ROLE_MANAGER)
		blank.rater = person.manager;
	if (blank.rater == NULL) {
		fprintf(stderr, "egf assess: name the rater with --rater\n");
		goto out;
	}
	if ((found = store_person_get(st, blank.rater, &rater)) <= 0) {
		if (found == 0)
			fprintf(stderr, "egf assess: no rater '%s' in the database\n", blank.rater);
		goto out;
	}
	if ((role == ROLE_SELF) != (strcmp(blank.rater, person.id) == 0)) {
		fprintf(stderr, "egf assess: rater '%s' does not fit role '%s'\n", blank.rater,
		    assess_role_name((enum assess_role)role));
		goto out;
	}
	blank.cycle = o->cycle;
	blank.person = person.id;
	blank.name = person.name;
	blank.role = (enum assess_role)role;
	blank.target = target;
	assess_form_write(&out, m, &blank);
	rc = cli_write_output(o->output, &out);
out:
	buf_free(&out);
	store_person_clear(&person);
	store_person_clear(&rater);
	cycle_state_clear(&cs);
	published_clear(&pub);
	store_close(st);
	return rc;
}

/* egf assess import FILE.md... | --csv FILE */
static int
assess_import(struct egf_ctx *ctx, const struct assess_opts *o, int nfiles, char **files)
{
	struct store *st;
	struct published pub;
	int i, invalid = 0, failed = 0;

	if ((nfiles == 0) == (o->csv == NULL))
		return cli_usage_error(ctx, "assess import takes form files or --csv FILE");
	if ((st = cli_store(ctx, 1)) == NULL)
		return EXIT_USAGE;
	published_init(&pub, st, &ctx->diags);
	if (o->csv != NULL) {
		enum import_status s = assess_import_csv(st, &pub, o->csv, &ctx->diags);

		invalid = s == IMPORT_INVALID;
		failed = s == IMPORT_FAILED;
	}
	for (i = 0; i < nfiles && !failed; i++) {
		enum import_status s = assess_import_form(st, &pub, files[i], &ctx->diags);

		invalid += s == IMPORT_INVALID;
		failed += s == IMPORT_FAILED;
		cli_flush_diags(ctx);
	}
	cli_flush_diags(ctx);
	if (invalid > 0 && nfiles > 1)
		fprintf(stderr, "egf assess: %d of %d forms refused%s\n", invalid, nfiles,
		    invalid < nfiles ? "; the others were stored" : "; none was stored");
	published_clear(&pub);
	store_close(st);
	return failed ? EXIT_USAGE : invalid ? EXIT_INVALID : EXIT_OK;
}

/* egf assess show --person ID --cycle C */
static int
assess_show(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct store *st;
	struct cycle c;
	struct buf out = {0};
	int fmt, rc = EXIT_USAGE;

	if (o->person == NULL || o->cycle == NULL)
		return cli_usage_error(ctx, "assess show needs --person and --cycle");
	if ((fmt = cli_format(ctx, o->format, o->output, view_format_names, VIEW_TEXT)) < 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	if (cycle_load(&c, st, &ctx->diags, o->cycle, o->person, CYCLE_RATINGS) != 0)
		goto out;
	if (c.n == 0 || c.people[0].model == NULL) {
		fprintf(stderr, "egf assess: no assessment of '%s' in cycle '%s'\n", o->person,
		    o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	assess_view_show(&out, &c, &c.people[0], (enum view_format)fmt,
	    o->employee ? o->peer_min : 0);
	rc = cli_write_output_mode(o->output, &out, 0600);	/* a person's ratings */
out:
	buf_free(&out);
	cycle_clear(&c);
	store_close(st);
	return rc;
}

int
cmd_assess(struct egf_ctx *ctx, int argc, char **argv)
{
	struct assess_opts o;
	const char *sub;
	int rc = EXIT_OK;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return argc < 2 ? cli_usage_error(ctx, "expected new, import or show") :
		    cli_help(ctx->command);
	sub = argv[1];
	if (parse_options(ctx, argc - 1, argv + 1, &o, &rc) != 0)
		return rc;
	if (strcmp(sub, "new") == 0 || strcmp(sub, "show") == 0) {
		if (optind != argc - 1)
			return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
		return sub[0] == 'n' ? assess_new(ctx, &o) : assess_show(ctx, &o);
	}
	if (strcmp(sub, "import") == 0)
		return assess_import(ctx, &o, argc - 1 - optind, argv + 1 + optind);
	return cli_usage_error(ctx, "unknown subcommand '%s' (new, import or show)", sub);
}
