/* packet_person.c: one person's packet from the store (packet_person.h). */
#include "packet_person.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

static char *
names_keep(struct packet_names *nm, char *s)
{
	xgrow((void **)&nm->owned, &nm->cap, nm->n + 1, sizeof(*nm->owned));
	nm->owned[nm->n++] = s;
	return s;
}

static const char *
name_of(void *arg, const char *id)
{
	struct packet_names *nm = arg;
	struct store_person p;
	const char *name;

	if (nm->map == NULL)
		nm->map = strmap_new();
	if ((name = strmap_get(nm->map, id)) != NULL)
		return *name ? name : NULL;
	name = "";
	if (store_person_get(nm->st, id, &p) == 1 && p.name != NULL)
		name = names_keep(nm, xstrdup(p.name));
	store_person_clear(&p);
	strmap_put(nm->map, names_keep(nm, xstrdup(id)), (void *)name);
	return *name ? name : NULL;
}

void
packet_names_free(struct packet_names *nm)
{
	size_t i;

	for (i = 0; i < nm->n; i++)
		free(nm->owned[i]);
	free(nm->owned);
	strmap_free(nm->map);
	nm->owned = NULL;
	nm->map = NULL;
	nm->n = nm->cap = 0;
}

int
packet_person_render(const struct pdf_fonts *f, struct store *st,
    struct packet_names *nm, const struct calib_report *report, const struct cycle_person *p,
    const char *cycle, enum packet_audience audience, unsigned peer_min,
    const struct team_outcomes *team, struct buf *out)
{
	struct packet_person in;
	struct store_decision dec;
	size_t i;
	int got, rc;

	memset(&in, 0, sizeof(in));
	if ((got = store_decision_get(st, p->info.id, cycle, &dec)) < 0)
		return -1;
	in.p = p;
	in.cycle = cycle;
	in.manager_name = p->info.manager ? name_of(nm, p->info.manager) : NULL;
	in.name_of = name_of;
	in.name_arg = nm;
	in.decision = got ? &dec : NULL;
	in.report = report;
	for (i = 0; i < report->npeople; i++)
		if (strcmp(report->people[i].p->info.id, p->info.id) == 0)
			in.row = &report->people[i];
	in.audience = audience;
	in.peer_min = peer_min;
	in.team = team;
	rc = packet_render(f, &in, out);
	store_decision_clear(&dec);
	return rc;
}
