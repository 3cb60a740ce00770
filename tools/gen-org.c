/*
 * gen-org: a deterministic synthetic organisation for the egf demo and
 * benchmarks.
 *
 *   gen-org --model MODEL.json --seed N --people N --cycle C --out DIR
 *           [--forms] [--csv] [--outcomes PREVIOUS-CYCLE]
 *
 * MODEL.json is a model written by `egf compile LADDER -o model.json`.
 * Writes DIR/people.csv (docs/csv.md), and with --forms one assessment form
 * per rater in DIR/forms/ (docs/assessments.md), with --csv the same ratings as
 * DIR/ratings.csv.  The same arguments always give byte-identical output: all
 * randomness comes from a splitmix64 generator seeded from --seed, and all
 * arithmetic on ratings is integer (milli scale steps), so the output does not
 * depend on the compiler or on floating point contraction.
 *
 * The organisation: one VP (top of the mgr track, manager empty) in team
 * "Leadership", with directors (the level below the top, also "Leadership",
 * one per six teams), each over a contiguous group of product teams.  Each
 * team has a manager on one of the remaining mgr levels and about seven ICs on
 * the ic track, more juniors than seniors and never at the top ic level.
 * When the model has a "dl" (delivery leadership) track of at least two
 * levels and the organisation is large enough, it also has a head of delivery
 * on the top dl level (manager: the VP, team "Leadership") and one delivery
 * lead per two product teams on the lower dl levels, more juniors than
 * seniors, reporting to the head of delivery and listed in the first team they
 * serve.  They come last in people.csv.  A model without a dl track gets the
 * same organisation as before the track existed.
 *
 * Every person with a next level (rank+1 in the same track) is assessed
 * against it on every expectation at that level: a self form, a manager form
 * (rater: their manager) and one or two peer forms.  Peers are drawn from the
 * person's peer group: team-mate ICs for an IC, managers under the same
 * director for a team manager, the other directors for a director, the other
 * delivery leads for a delivery lead.
 *
 * Ratings: each person has a latent ability relative to "meets" (ready,
 * borderline or not ready) and strengths by competency (a little higher on
 * the promotion's required competencies); each expectation has a true value
 * around those.
 * Manager = true + manager bias + noise (exactly one lenient team manager at
 * +0.7 steps, one severe at -0.7, the rest neutral); self = true + a personal
 * bias averaging +0.3 (some rate themselves lower) + noise; peer = true + more
 * noise.  Rounded to the nearest scale point and clamped to the scale.  About
 * 3% of ratings are left empty (peers 5%, self 2%, managers 1%).  Evidence
 * that runs over two lines is one CSV field with a line break.  Private notes
 * appear only in manager forms; ratings.csv has no column for them.
 *
 * With --outcomes PREV, DIR/outcomes.csv holds every team's outcomes (two key
 * results TEAM-KR1 and TEAM-KR2, the four delivery metrics, NPS and an on-call
 * health measure) for the cycles PREV and C, and the evidence of the cycle
 * ties to them (docs/outcomes.md): about 22% of the ratings at or above
 * "meets" link a key result of the person's team (Link: okr:ID (okr)), 8% an
 * incident (an https URL); 8% of the self and manager ratings have
 * activity-only evidence (story points, pull requests, commits, no link),
 * and 5% of the self and manager ratings above "meets" have no evidence at
 * all (unsupported). These draws come from a stream of their own, so the
 * ratings are the same with and without --outcomes; ratings.csv then has
 * the columns link and link_kind.
 *
 * Exit status: 0 on success, 2 on bad arguments, an unreadable model or an
 * output error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <jansson.h>

#define MAX_PEOPLE 10000000L

/* ------------------------------------------------------------------------ */
/* Errors and memory                                                        */

static const char *prog = "gen-org";

static void die(const char *msg, const char *arg)
{
    if (arg)
        fprintf(stderr, "%s: %s: %s\n", prog, msg, arg);
    else
        fprintf(stderr, "%s: %s\n", prog, msg);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ------------------------------------------------------------------------ */
/* PRNG: splitmix64.  Independent streams are derived from (seed, stream,    */
/* index) so that what one person gets never depends on output flags.        */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static rng_t rng_derive(uint64_t seed, uint64_t stream, uint64_t index)
{
    rng_t r = { seed };
    r.s = rng_next(&r) ^ (stream * UINT64_C(0xD1B54A32D192ED03));
    r.s = rng_next(&r) ^ (index * UINT64_C(0x8CB92BA72F3D8DD7));
    (void)rng_next(&r);
    return r;
}

/* Uniform in [0, n), n > 0. */
static uint32_t rng_below(rng_t *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int rng_range(rng_t *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static int rng_permille(rng_t *r, int permille)
{
    return rng_below(r, 1000) < (uint32_t)permille;
}

/* Approximately normal with mean 0 and standard deviation sd: the sum of four
 * 16-bit uniforms (Irwin-Hall), in integers. */
static long rng_normal(rng_t *r, long sd)
{
    uint64_t x = rng_next(r);
    int64_t s = (int64_t)(x & 0xFFFF) + (int64_t)((x >> 16) & 0xFFFF) +
                (int64_t)((x >> 32) & 0xFFFF) + (int64_t)(x >> 48);
    return (long)((s - 131070) * (int64_t)sd / 37837);
}

/* ------------------------------------------------------------------------ */
/* The model                                                                */

typedef struct {
    char *id;
    double value;
} scale_pt;

typedef struct {
    char *id;
    char *track;
    long rank;
    int next;   /* index of the level with rank+1 in the same track, or -1 */
    int *exps;  /* expectations at this level, model order */
    int nexps;
} level_t;

typedef struct {
    char *id;
    char *block; /* "### id\n> text\n\n" */
    size_t blocklen;
    char *csvid; /* the id as a CSV field */
    size_t csvidlen;
    int comp;
} exp_t;

typedef struct {
    char *head; /* "## title\n\n" */
    size_t headlen;
    int required; /* listed in promotion.required */
} comp_t;

typedef struct {
    char *id;
    char *version;
    scale_pt *scale; /* sorted by value */
    int nscale;
    int meets;       /* index into scale */
    level_t *levels;
    int nlevels;
    comp_t *comps;
    int ncomps;
    exp_t *exps;
    int nexps;
} model_t;

static const char *model_path;

static void bad_model(const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", prog, model_path, what);
    exit(2);
}

static const char *get_str(json_t *obj, const char *key, const char *what)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        bad_model(what);
    return json_string_value(v);
}

static int cmp_scale(const void *a, const void *b)
{
    const scale_pt *x = a, *y = b;
    return (x->value > y->value) - (x->value < y->value);
}

/* Append s to a growing buffer. */
typedef struct {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            die("out of memory", NULL);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

/* Append s as one RFC 4180 field: quoted if it holds a comma, quote or line
 * break, with quotes doubled. */
static void sb_csv(sbuf *b, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        sb_puts(b, s);
        return;
    }
    sb_putn(b, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        sb_putn(b, s, (size_t)(q - s) + 1);
        sb_putn(b, "\"", 1);
    }
    sb_puts(b, s);
    sb_putn(b, "\"", 1);
}

static int find_level(const model_t *m, const char *id)
{
    for (int i = 0; i < m->nlevels; i++)
        if (strcmp(m->levels[i].id, id) == 0)
            return i;
    return -1;
}

static void load_model(const char *path, model_t *m)
{
    json_error_t err;
    model_path = path;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        if (err.line > 0)
            fprintf(stderr, "%s: %s:%d:%d: %s\n", prog, path, err.line,
                    err.column, err.text);
        else
            fprintf(stderr, "%s: %s: %s\n", prog, path, err.text);
        exit(2);
    }
    if (!json_is_object(root))
        bad_model("not a compiled ladder model (expected a JSON object)");

    memset(m, 0, sizeof *m);
    m->id = xstrdup(get_str(root, "id", "model has no string \"id\""));
    json_t *ver = json_object_get(root, "version");
    if (json_is_string(ver)) {
        m->version = xstrdup(json_string_value(ver));
    } else if (json_is_integer(ver)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(ver));
        m->version = xstrdup(buf);
    } else {
        bad_model("model has no \"version\"");
    }

    /* scale */
    json_t *scale = json_object_get(root, "scale");
    if (!json_is_array(scale) || json_array_size(scale) < 2)
        bad_model("model has no \"scale\" with at least two points");
    m->nscale = (int)json_array_size(scale);
    m->scale = xcalloc((size_t)m->nscale, sizeof *m->scale);
    for (int i = 0; i < m->nscale; i++) {
        json_t *pt = json_array_get(scale, (size_t)i);
        json_t *v = json_object_get(pt, "value");
        if (!json_is_number(v))
            bad_model("a scale point has no numeric \"value\"");
        m->scale[i].id = xstrdup(get_str(pt, "id", "a scale point has no \"id\""));
        m->scale[i].value = json_number_value(v);
    }
    qsort(m->scale, (size_t)m->nscale, sizeof *m->scale, cmp_scale);
    const char *meets = get_str(root, "meets", "model has no \"meets\"");
    m->meets = -1;
    for (int i = 0; i < m->nscale; i++)
        if (strcmp(m->scale[i].id, meets) == 0)
            m->meets = i;
    if (m->meets < 0)
        bad_model("\"meets\" is not a scale point");

    /* levels */
    json_t *levels = json_object_get(root, "levels");
    if (!json_is_array(levels) || json_array_size(levels) == 0)
        bad_model("model has no \"levels\"");
    m->nlevels = (int)json_array_size(levels);
    m->levels = xcalloc((size_t)m->nlevels, sizeof *m->levels);
    for (int i = 0; i < m->nlevels; i++) {
        json_t *lv = json_array_get(levels, (size_t)i);
        json_t *rank = json_object_get(lv, "rank");
        if (!json_is_integer(rank))
            bad_model("a level has no integer \"rank\"");
        m->levels[i].id = xstrdup(get_str(lv, "id", "a level has no \"id\""));
        m->levels[i].track =
            xstrdup(get_str(lv, "track", "a level has no \"track\""));
        m->levels[i].rank = (long)json_integer_value(rank);
        m->levels[i].next = -1;
    }
    for (int i = 0; i < m->nlevels; i++)
        for (int j = 0; j < m->nlevels; j++)
            if (strcmp(m->levels[i].track, m->levels[j].track) == 0 &&
                m->levels[j].rank == m->levels[i].rank + 1)
                m->levels[i].next = j;

    /* competencies and expectations */
    json_t *comps = json_object_get(root, "competencies");
    if (!json_is_array(comps))
        bad_model("model has no \"competencies\"");
    m->ncomps = (int)json_array_size(comps);
    m->comps = xcalloc((size_t)m->ncomps, sizeof *m->comps);
    size_t total = 0;
    for (int c = 0; c < m->ncomps; c++) {
        json_t *exps = json_object_get(json_array_get(comps, (size_t)c),
                                       "expectations");
        if (!json_is_array(exps))
            bad_model("a competency has no \"expectations\"");
        total += json_array_size(exps);
    }
    m->exps = xcalloc(total, sizeof *m->exps);
    int *perlevel = xcalloc((size_t)m->nlevels, sizeof *perlevel);
    int *explevel = xcalloc(total, sizeof *explevel);
    for (int c = 0; c < m->ncomps; c++) {
        json_t *comp = json_array_get(comps, (size_t)c);
        sbuf h = { 0 };
        sb_puts(&h, "## ");
        sb_puts(&h, get_str(comp, "title", "a competency has no \"title\""));
        sb_puts(&h, "\n\n");
        m->comps[c].head = h.p;
        m->comps[c].headlen = h.len;
        json_t *req = json_object_get(json_object_get(root, "promotion"),
                                      "required");
        const char *comp_id = get_str(comp, "id", "a competency has no \"id\"");
        for (size_t k = 0; k < json_array_size(req); k++)
            if (json_is_string(json_array_get(req, k)) &&
                strcmp(json_string_value(json_array_get(req, k)), comp_id) == 0)
                m->comps[c].required = 1;
        json_t *exps = json_object_get(comp, "expectations");
        for (size_t k = 0; k < json_array_size(exps); k++) {
            json_t *e = json_array_get(exps, k);
            exp_t *x = &m->exps[m->nexps];
            const char *lid = get_str(e, "level", "an expectation has no \"level\"");
            int lv = find_level(m, lid);
            if (lv < 0)
                bad_model("an expectation names an unknown level");
            x->id = xstrdup(get_str(e, "id", "an expectation has no \"id\""));
            x->comp = c;
            sbuf cid = { 0 };
            sb_csv(&cid, x->id);
            x->csvid = cid.p;
            x->csvidlen = cid.len;
            /* The block: heading, then the text quoted line by line. */
            const char *text = get_str(e, "text", "an expectation has no \"text\"");
            size_t tlen = strlen(text);
            while (tlen > 0 && (text[tlen - 1] == '\n' || text[tlen - 1] == '\r' ||
                                text[tlen - 1] == ' '))
                tlen--;
            sbuf b = { 0 };
            sb_puts(&b, "### ");
            sb_puts(&b, x->id);
            sb_puts(&b, "\n");
            for (size_t i = 0;;) {
                size_t j = i;
                while (j < tlen && text[j] != '\n')
                    j++;
                size_t end = j;
                if (end > i && text[end - 1] == '\r')
                    end--;
                if (end > i) {
                    sb_puts(&b, "> ");
                    sb_putn(&b, text + i, end - i);
                } else {
                    sb_puts(&b, ">");
                }
                sb_puts(&b, "\n");
                if (j >= tlen)
                    break;
                i = j + 1;
            }
            sb_puts(&b, "\n");
            x->block = b.p;
            x->blocklen = b.len;
            explevel[m->nexps] = lv;
            perlevel[lv]++;
            m->nexps++;
        }
    }
    for (int l = 0; l < m->nlevels; l++)
        m->levels[l].exps = xcalloc((size_t)perlevel[l], sizeof(int));
    for (int e = 0; e < m->nexps; e++) {
        level_t *lv = &m->levels[explevel[e]];
        lv->exps[lv->nexps++] = e;
    }
    free(perlevel);
    free(explevel);
    json_decref(root);
}

/* Levels of a track that satisfy a predicate, sorted by rank. */
static int track_levels(const model_t *m, const char *track, int *out)
{
    int n = 0;
    for (int i = 0; i < m->nlevels; i++) {
        if (strcmp(m->levels[i].track, track) != 0)
            continue;
        int k = n++;
        while (k > 0 && m->levels[out[k - 1]].rank > m->levels[i].rank) {
            out[k] = out[k - 1];
            k--;
        }
        out[k] = i;
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Names and phrases                                                        */

static const char *const first_names[] = {
    "Ada",     "Grace",   "Alan",    "Katherine", "Linus",  "Margaret",
    "Dennis",  "Barbara", "Ken",     "Frances",   "Edsger", "Radia",
    "Tim",     "Hedy",    "Donald",  "Shafi",     "Guido",  "Sophie",
    "Bjarne",  "Anita",   "Niklaus", "Jean",      "Leslie", "Adele",
    "Yukihiro", "Mary",   "John",    "Karen",     "Ravi",   "Priya",
    "Kwame",   "Amara",   "Mateo",   "Lucía",     "Søren",  "Ingrid",
    "Wei",     "Mei",     "Tariq",   "Fatima",    "Diego",  "Chidi",
    "Noa",     "Olu",     "Hana",    "Jonas",     "Aroha",  "Emil",
};

static const char *const last_names[] = {
    "Lovelace", "Hopper",   "Turing",    "Johnson", "Torvalds", "Hamilton",
    "Ritchie",  "Liskov",   "Thompson",  "Allen",   "Dijkstra", "Perlman",
    "Berners",  "Lamarr",   "Knuth",     "Goldwasser", "van Rossum", "Wilson",
    "Stroustrup", "Borg",   "Wirth",     "Bartik",  "Lamport",  "Goldberg",
    "Matsumoto", "Keller",  "McCarthy",  "Spärck Jones", "Patel", "Sharma",
    "Mensah",   "Okafor",   "García",    "Fernández", "Nielsen", "Larsen",
    "Zhang",    "Chen",     "Haddad",    "Rahman",  "Rossi",    "Eze",
    "Cohen",    "Adeyemi",  "Tanaka",    "Becker",  "Ngata",    "Lindqvist",
};

/* Given to a few ICs, to exercise Unicode and CSV quoting. */
static const char *const special_names[] = {
    "Алексей Смирнов",
    "Ελένη Παπαδοπούλου",
    "Zoë Müller",
    "Sam Okafor, Jr.",
    "Katherine \"Kit\" O'Neil",
    "李娜",
};

static const char *const team_names[] = {
    "Payments",   "Search",        "Identity",      "Checkout",
    "Platform",   "Mobile",        "Data",          "Growth",
    "Billing",    "Messaging",     "Infrastructure", "Developer Experience",
    "Risk",       "Notifications", "Catalog",       "Analytics",
    "Onboarding", "Reliability",   "Storage",       "Security",
    "Partnerships", "Logistics",   "Pricing",       "Ads",
};

#define LEADERSHIP "Leadership"

static const char *const projects[] = {
    "ledger migration", "search relevance revamp", "checkout redesign",
    "on-call rotation overhaul", "billing API v2", "feature-flag cleanup",
    "mobile release train", "data retention project", "SSO rollout",
    "incident review programme",
};

/* {p} is replaced by a project. */
static const char *const evidence_good[] = {
    "Led the {p}; see the rollout notes.",
    "Drove the {p} from design to launch, on time and with no rollbacks.",
    "Wrote the design doc for the {p}, which the team still uses as a reference.",
    "Ran the weekly sync for the {p}, kept stakeholders informed, and closed out every open risk.",
    "Took ownership of the {p} when it stalled and got it moving again.",
    "Peers describe them as \"the person to ask\" about the {p}.",
    "Consistently shows this; the {p} is the clearest example.",
    "Mentored two newer engineers through their first changes on the {p}.",
    "Handled the {p} incident calmly – clear updates, a blameless review, follow-ups done.",
    "Raised the bar on code review during the {p}, with kind, specific comments.",
};

static const char *const evidence_dev[] = {
    "Started on this during the {p}, but needed a lot of guidance.",
    "Shown occasionally; the {p} slipped twice without early warning.",
    "Not yet consistent: strong on the {p}, weaker elsewhere.",
    "Relied on others to scope the {p}; would like to see more ownership.",
    "Some progress, e.g. on the {p}, though reviews still catch basic issues.",
    "Has the skills, but rarely applies them unprompted; see the {p} retro.",
};

static const char *const evidence_none[] = {
    "No opportunity to observe this during the cycle.",
    "Not enough evidence yet to rate this.",
    "Did not work closely enough on this to judge.",
};

static const char *const evidence_more[] = {
    "Follow-up items are tracked in the team's planning board.",
    "Feedback from the quarterly review points the same way.",
    "The retrospective notes have more detail, including what we would change.",
    "Two stakeholders mentioned this unprompted, which is a good sign.",
    "Worth revisiting mid-cycle to see whether it holds.",
};

/* Evidence that counts output, not outcomes ({p} a project): calibration flags it. */
static const char *const evidence_activity[] = {
    "Closed 34 story points on the {p}, the most in the team.",
    "Merged 57 pull requests for the {p} this cycle.",
    "Landed 120 commits on the {p}.",
};

static const char *const private_notes[] = {
    "Needed support on estimates early in the half.",
    "Some friction with the platform team; resolved, but worth watching.",
    "Was on reduced hours for part of the cycle, which affected scope.",
    "Stronger than the written evidence suggests; much of the work was invisible.",
    "Discussed with the skip-level, who sees the same pattern.",
    "Considered for the tech-lead role on the next project.",
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Expand {p} in a template into buf. */
static void expand(char *buf, size_t size, const char *tmpl, const char *proj)
{
    size_t o = 0;
    for (const char *s = tmpl; *s && o + 1 < size; s++) {
        if (s[0] == '{' && s[1] == 'p' && s[2] == '}') {
            for (const char *q = proj; *q && o + 1 < size; q++)
                buf[o++] = *q;
            s += 2;
        } else {
            buf[o++] = *s;
        }
    }
    buf[o] = '\0';
}

/* ------------------------------------------------------------------------ */
/* Output helpers                                                           */

static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: cannot create %s: %s\n", prog, path,
                strerror(errno));
        exit(2);
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: %s is not a directory\n", prog, path);
        exit(2);
    }
}

/* mkdir -p */
static void make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                fprintf(stderr, "%s: cannot create %s: %s\n", prog, p,
                        strerror(errno));
                exit(2);
            }
            *s = '/';
        }
    }
    make_dir(p);
    free(p);
}

static FILE *open_out(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, path,
                strerror(errno));
        exit(2);
    }
    return f;
}

static void close_out(FILE *f, const char *path)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        fprintf(stderr, "%s: error writing %s\n", prog, path);
        exit(2);
    }
}

/* ------------------------------------------------------------------------ */
/* The organisation                                                         */

typedef struct {
    char *name;
    int team;     /* index into teams */
    int manager;  /* person index, -1 for none */
    int level;    /* level index */
    int bias;     /* as a manager: rating bias in milli scale steps */
    int g0, g1;   /* peer group: range in grp[] */
    int gpos;     /* own position in grp[], -1 if none */
} person_t;

typedef struct {
    person_t *p;
    long n;
    char **teams;
    int nteams;
    int *grp;
    int idwidth;
} org_t;

static void person_id(const org_t *o, long i, char *buf, size_t size)
{
    snprintf(buf, size, "p%0*ld", o->idwidth, i + 1);
}

/* A position in [0, n) drawn with weight n - k for position k: more juniors
 * than seniors. */
static int pick_junior(rng_t *r, int n)
{
    uint32_t total = (uint32_t)(n * (n + 1) / 2);
    uint32_t x = rng_below(r, total);
    for (int k = 0; k < n; k++) {
        uint32_t w = (uint32_t)(n - k);
        if (x < w)
            return k;
        x -= w;
    }
    return n - 1;
}

static void build_org(const model_t *m, uint64_t seed, long n, org_t *o)
{
    int *ic = xcalloc((size_t)m->nlevels, sizeof(int));
    int *mg = xcalloc((size_t)m->nlevels, sizeof(int));
    int nic_lv = track_levels(m, "ic", ic);
    int nmg_lv = track_levels(m, "mgr", mg);
    if (nmg_lv < 3)
        bad_model("need a \"mgr\" track with at least three levels");
    if (nic_lv < 2)
        bad_model("need an \"ic\" track with at least two levels");
    /* ICs: ic levels that have a next level.  Team managers: mgr levels
     * below the director level that have a next level. */
    int nic_ok = 0, nmg_ok = 0;
    for (int i = 0; i < nic_lv; i++)
        if (m->levels[ic[i]].next >= 0)
            ic[nic_ok++] = ic[i];
    int vp_lv = mg[nmg_lv - 1], dir_lv = mg[nmg_lv - 2];
    for (int i = 0; i < nmg_lv - 2; i++)
        if (m->levels[mg[i]].next >= 0)
            mg[nmg_ok++] = mg[i];
    if (nic_ok == 0 || nmg_ok == 0)
        bad_model("the ic and mgr tracks need levels with a next level");
    /* Delivery leads: dl levels below the top that have a next level. */
    int *dl = xcalloc((size_t)m->nlevels, sizeof(int));
    int ndl_lv = track_levels(m, "dl", dl), ndl_ok = 0;
    int head_lv = ndl_lv > 0 ? dl[ndl_lv - 1] : -1;
    for (int i = 0; i < ndl_lv - 1; i++)
        if (m->levels[dl[i]].next >= 0)
            dl[ndl_ok++] = dl[i];

    long T, D, L = 0, nic = 0;
    for (int with_dl = ndl_ok > 0; with_dl >= 0; with_dl--) {
        T = n / 8;
        if (T < 2)
            T = 2;
        for (;;) {
            D = (T + 5) / 6;
            L = with_dl ? (T + 1) / 2 : 0;
            if (T == 1 || n - 1 - D - T - (L ? 1 + L : 0) >= T)
                break;
            T--;
        }
        nic = n - 1 - D - T - (L ? 1 + L : 0);
        if (nic >= T)
            break;
    }
    if (nic < T) {
        fprintf(stderr, "%s: --people must be at least 4\n", prog);
        exit(2);
    }

    rng_t r = rng_derive(seed, 1, 0);
    o->n = n;
    o->p = xcalloc((size_t)n, sizeof *o->p);
    o->grp = xcalloc((size_t)n, sizeof *o->grp);
    o->nteams = (int)T + 1;
    o->teams = xcalloc((size_t)o->nteams, sizeof *o->teams);
    int digits = 1;
    for (long x = n; x >= 10; x /= 10)
        digits++;
    o->idwidth = digits < 4 ? 4 : digits;
    for (long t = 0; t < T; t++) {
        char buf[64];
        long base = t % NELEM(team_names), round = t / NELEM(team_names);
        if (round == 0)
            snprintf(buf, sizeof buf, "%s", team_names[base]);
        else
            snprintf(buf, sizeof buf, "%s %ld", team_names[base], round + 1);
        o->teams[t] = xstrdup(buf);
    }
    o->teams[T] = xstrdup(LEADERSHIP);

    /* Team sizes (ICs): even, then nudged between neighbours. */
    long *size = xcalloc((size_t)T, sizeof *size);
    for (long t = 0; t < T; t++)
        size[t] = nic / T + (t < nic % T);
    for (long t = 0; t + 1 < T; t++) {
        int d = rng_range(&r, -2, 2);
        if (size[t] - d >= 1 && size[t + 1] + d >= 1) {
            size[t] -= d;
            size[t + 1] += d;
        }
    }

    /* grp layout: directors [0, D), team managers [D, D+T), ICs after. */
    long gi_mgr = D, gi_ic = D + T;
    person_t *p = o->p;
    long i = 0;
    /* VP */
    p[i] = (person_t){ NULL, (int)T, -1, vp_lv, 0, 0, 0, -1 };
    i++;
    for (long d = 0; d < D; d++, i++) {
        p[i] = (person_t){ NULL, (int)T, 0, dir_lv, 0, 0, (int)D, (int)d };
        o->grp[d] = (int)i;
    }
    /* Team manager groups by director: teams [t0, t1) under director d. */
    for (long t = 0; t < T; t++) {
        long d = t * D / T;
        long t0 = (d * T + D - 1) / D, t1 = ((d + 1) * T + D - 1) / D;
        long mi = i++;
        p[mi] = (person_t){ NULL, (int)t, (int)(1 + d),
                            mg[pick_junior(&r, nmg_ok)], 0,
                            (int)(D + t0), (int)(D + t1), (int)(gi_mgr) };
        o->grp[gi_mgr++] = (int)mi;
        long g0 = gi_ic, g1 = gi_ic + size[t];
        for (long k = 0; k < size[t]; k++, i++) {
            p[i] = (person_t){ NULL, (int)t, (int)mi,
                               ic[pick_junior(&r, nic_ok)], 0, (int)g0,
                               (int)g1, (int)gi_ic };
            o->grp[gi_ic++] = (int)i;
        }
    }
    free(size);
    /* Delivery: the head, then lead k serving teams 2k and 2k+1. */
    if (L > 0) {
        long head = i++, g0 = gi_ic, g1 = gi_ic + L;
        p[head] = (person_t){ NULL, (int)T, 0, head_lv, 0, 0, 0, -1 };
        for (long k = 0; k < L; k++, i++) {
            p[i] = (person_t){ NULL, (int)(2 * k), (int)head,
                               dl[pick_junior(&r, ndl_ok)], 0, (int)g0,
                               (int)g1, (int)gi_ic };
            o->grp[gi_ic++] = (int)i;
        }
    }

    /* Names. */
    for (i = 0; i < n; i++) {
        const char *f = first_names[rng_below(&r, NELEM(first_names))];
        const char *l = last_names[rng_below(&r, NELEM(last_names))];
        size_t len = strlen(f) + strlen(l) + 2;
        p[i].name = xmalloc(len);
        snprintf(p[i].name, len, "%s %s", f, l);
    }
    int nsp = NELEM(special_names);
    if (nsp > nic)
        nsp = (int)nic;
    for (int k = 0; k < nsp; k++) {
        long who = o->grp[D + T + (long)k * nic / nsp];
        free(p[who].name);
        p[who].name = xstrdup(special_names[k]);
    }

    /* One lenient and one severe team manager; the rest neutral. */
    long len_t = rng_below(&r, (uint32_t)T);
    p[o->grp[D + len_t]].bias = 700;
    if (T > 1) {
        long sev_t = rng_below(&r, (uint32_t)(T - 1));
        if (sev_t >= len_t)
            sev_t++;
        p[o->grp[D + sev_t]].bias = -700;
    }
    free(ic);
    free(mg);
    free(dl);
}

static void write_people(const org_t *o, const model_t *m, const char *path)
{
    FILE *f = open_out(path);
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("id,name,email,team,manager,track,level\n", f);
    char id[32], mid[32];
    for (long i = 0; i < o->n; i++) {
        const person_t *p = &o->p[i];
        person_id(o, i, id, sizeof id);
        fputs(id, f);
        putc(',', f);
        csv_field(f, p->name);
        fprintf(f, ",%s@example.org,", id);
        csv_field(f, o->teams[p->team]);
        putc(',', f);
        if (p->manager >= 0) {
            person_id(o, p->manager, mid, sizeof mid);
            fputs(mid, f);
        }
        putc(',', f);
        csv_field(f, m->levels[p->level].track);
        putc(',', f);
        csv_field(f, m->levels[p->level].id);
        putc('\n', f);
    }
    close_out(f, path);
}

/* ------------------------------------------------------------------------ */
/* Assessments                                                              */

enum { ROLE_SELF, ROLE_MANAGER, ROLE_PEER };
static const char *const role_names[] = { "self", "manager", "peer" };

/* A text in the form and as a CSV field, prepared once. */
typedef struct {
    char *text;
    size_t len;
    char *csv;
    size_t csvlen;
} text_t;

static void text_set(text_t *t, const char *s)
{
    sbuf b = { 0 };
    t->text = xstrdup(s);
    t->len = strlen(s);
    sb_csv(&b, s);
    t->csv = b.p;
    t->csvlen = b.len;
}

#define NMORE NELEM(evidence_more)
#define NPROJ NELEM(projects)
#define NTMPL (NELEM(evidence_good) + NELEM(evidence_dev) + NELEM(evidence_none))

typedef struct {
    const model_t *m;
    const org_t *o;
    const char *cycle;
    const char *out;
    uint64_t seed;
    int forms;
    const char *previous;  /* --outcomes: the cycle before, or NULL */
    FILE *csvf;
    char *path;
    size_t pathsize;
    text_t *evidence; /* [template][project][0 or 1 + follow-up line] */
    text_t *rating;   /* per scale point, then one for "not rated" */
    int *comp_effect; /* per competency, for the person being assessed */
    sbuf form, rows, prefix;
    long assessed, nforms, nratings;
} gen_t;

/* Every evidence text there can be, so that writing a rating is copying. */
static void prepare_texts(gen_t *g)
{
    const char *tmpl[NTMPL];
    int t = 0;
    for (int i = 0; i < NELEM(evidence_good); i++)
        tmpl[t++] = evidence_good[i];
    for (int i = 0; i < NELEM(evidence_dev); i++)
        tmpl[t++] = evidence_dev[i];
    for (int i = 0; i < NELEM(evidence_none); i++)
        tmpl[t++] = evidence_none[i];
    g->evidence = xcalloc((size_t)NTMPL * NPROJ * (NMORE + 1), sizeof(text_t));
    for (t = 0; t < NTMPL; t++)
        for (int p = 0; p < NPROJ; p++)
            for (int k = 0; k <= NMORE; k++) {
                char first[256], buf[512];
                expand(first, sizeof first, tmpl[t], projects[p]);
                if (k == 0)
                    snprintf(buf, sizeof buf, "%s", first);
                else
                    snprintf(buf, sizeof buf, "%s\n%s", first,
                             evidence_more[k - 1]);
                text_set(&g->evidence[((size_t)t * NPROJ + (size_t)p) *
                                          (NMORE + 1) + (size_t)k],
                         buf);
            }
    g->rating = xcalloc((size_t)g->m->nscale + 1, sizeof(text_t));
    for (int i = 0; i < g->m->nscale; i++)
        text_set(&g->rating[i], g->m->scale[i].id);
    text_set(&g->rating[g->m->nscale], "");
}

static long floor_div(long a, long b)
{
    long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* A team name as a key result id prefix: "Developer Experience 2" ->
 * "developer-experience-2". */
static void team_slug(const char *team, char *buf, size_t size)
{
    size_t o = 0;
    int dash = 0;
    for (const char *s = team; *s && o + 2 < size; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o > 0)
                buf[o++] = '-';
            buf[o++] = c;
            dash = 0;
        } else
            dash = 1;
    }
    if (o == 0)
        buf[o++] = 't';
    buf[o] = '\0';
}

/* What --outcomes adds to one rating: a link, activity-only or no evidence. */
typedef struct {
    char link[160];      /* "okr:payments-KR1" or an incident URL, or "" */
    const char *kind;    /* "okr" or "incident" */
    char activity[256];  /* activity-only evidence, or "" */
    int bare;            /* no evidence at all */
} extra_t;

static void outcome_extra(gen_t *g, const person_t *p, int role, long idx,
                          int unrated, int proj, extra_t *x)
{
    rng_t lr = rng_derive(g->seed, 3, (uint64_t)g->nratings);
    uint32_t u = rng_below(&lr, 1000);
    int kr = 1 + (int)rng_below(&lr, 2);
    int act = (int)rng_below(&lr, NELEM(evidence_activity));
    uint32_t inc = 1000 + rng_below(&lr, 9000);
    char slug[96];

    x->link[0] = x->activity[0] = '\0';
    x->kind = NULL;
    x->bare = 0;
    if (g->previous == NULL || unrated)
        return;
    if (idx >= g->m->meets && u < 220) {
        team_slug(g->o->teams[p->team], slug, sizeof slug);
        snprintf(x->link, sizeof x->link, "okr:%s-KR%d", slug, kr);
        x->kind = "okr";
    } else if (idx >= g->m->meets && u < 300) {
        snprintf(x->link, sizeof x->link, "https://incidents.example.com/INC-%u",
                 (unsigned)inc);
        x->kind = "incident";
    } else if (u < 380 && role != ROLE_PEER)
        expand(x->activity, sizeof x->activity, evidence_activity[act],
               projects[proj]);
    else if (u < 430 && role != ROLE_PEER && idx > g->m->meets)
        x->bare = 1;
}

/* One form: its ratings go to the form text and to the CSV rows, both built
 * in memory and written with one call each. */
static void write_form(gen_t *g, rng_t *r, long pi, long rater, int role,
                       const int *truth, int bias, int noise, int empty)
{
    const model_t *m = g->m;
    const org_t *o = g->o;
    const person_t *p = &o->p[pi];
    const level_t *target = &m->levels[m->levels[p->level].next];
    char pid[32], rid[32];
    person_id(o, pi, pid, sizeof pid);
    person_id(o, rater, rid, sizeof rid);
    sbuf *fb = &g->form, *cb = &g->rows, *pre = &g->prefix;
    fb->len = cb->len = pre->len = 0;

    sb_puts(fb, "---\nladder: ");
    sb_puts(fb, m->id);
    sb_puts(fb, "\nversion: \"");
    for (const char *v = m->version; *v; v++) {
        if (*v == '"' || *v == '\\')
            sb_putn(fb, "\\", 1);
        sb_putn(fb, v, 1);
    }
    const char *lines[] = { "\"\ncycle: ", g->cycle, "\nperson: ", pid,
                            "\nrater: ", rid, "\nrole: ", role_names[role],
                            "\ntarget: ", target->id, "\n---\n# ", p->name,
                            ": ", role_names[role], " assessment against ",
                            target->id, "\n" };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        sb_puts(fb, lines[i]);

    sb_puts(pre, pid);
    sb_puts(pre, ",");
    sb_csv(pre, g->cycle);
    sb_puts(pre, ",");
    sb_puts(pre, rid);
    sb_puts(pre, ",");
    sb_puts(pre, role_names[role]);
    sb_puts(pre, ",");
    sb_csv(pre, target->id);
    sb_puts(pre, ",");

    int lastcomp = -1;
    for (int k = 0; k < target->nexps; k++) {
        const exp_t *x = &m->exps[target->exps[k]];
        /* Draw everything whatever is written, so that the output does not
         * depend on the flags. */
        int unrated = rng_permille(r, empty);
        long v = (long)m->meets * 1000 + truth[k] + bias + rng_normal(r, noise);
        long idx = floor_div(v + 500, 1000);
        if (idx < 0)
            idx = 0;
        if (idx > m->nscale - 1)
            idx = m->nscale - 1;
        int proj = (int)rng_below(r, NPROJ);
        uint32_t pick = rng_below(r, 1u << 16);
        int more = rng_permille(r, 120);
        int more_k = 1 + (int)rng_below(r, NMORE);
        int priv = rng_permille(r, 100);
        const char *priv_text = private_notes[rng_below(r, NELEM(private_notes))];

        int tmpl;
        if (unrated)
            tmpl = NELEM(evidence_good) + NELEM(evidence_dev) +
                   (int)(pick % NELEM(evidence_none));
        else if (idx >= m->meets)
            tmpl = (int)(pick % NELEM(evidence_good));
        else
            tmpl = NELEM(evidence_good) + (int)(pick % NELEM(evidence_dev));
        const text_t *ev =
            &g->evidence[((size_t)tmpl * NPROJ + (size_t)proj) * (NMORE + 1) +
                         (size_t)(more && !unrated ? more_k : 0)];
        const text_t *rt = &g->rating[unrated ? m->nscale : idx];
        extra_t ex;
        outcome_extra(g, p, role, idx, unrated, proj, &ex);

        if (g->forms) {
            sb_putn(fb, "\n", 1);
            if (x->comp != lastcomp) {
                sb_putn(fb, m->comps[x->comp].head, m->comps[x->comp].headlen);
                lastcomp = x->comp;
            }
            sb_putn(fb, x->block, x->blocklen);
            sb_putn(fb, "Rating:", 7);
            if (rt->len) {
                sb_putn(fb, " ", 1);
                sb_putn(fb, rt->text, rt->len);
            }
            if (ex.bare)
                sb_puts(fb, "\nEvidence:\n");
            else if (ex.activity[0]) {
                sb_puts(fb, "\nEvidence: ");
                sb_puts(fb, ex.activity);
                sb_putn(fb, "\n", 1);
            } else {
                sb_putn(fb, "\nEvidence: ", 11);
                sb_putn(fb, ev->text, ev->len);
                sb_putn(fb, "\n", 1);
            }
            if (ex.link[0]) {
                sb_puts(fb, "Link: ");
                sb_puts(fb, ex.link);
                sb_puts(fb, " (");
                sb_puts(fb, ex.kind);
                sb_puts(fb, ")\n");
            }
            if (role == ROLE_MANAGER && priv && !unrated) {
                sb_puts(fb, "Private: ");
                sb_puts(fb, priv_text);
                sb_putn(fb, "\n", 1);
            }
        }
        if (g->csvf) {
            sb_putn(cb, pre->p, pre->len);
            sb_putn(cb, x->csvid, x->csvidlen);
            sb_putn(cb, ",", 1);
            sb_putn(cb, rt->csv, rt->csvlen);
            sb_putn(cb, ",", 1);
            if (ex.activity[0])
                sb_csv(cb, ex.activity);
            else if (!ex.bare)
                sb_putn(cb, ev->csv, ev->csvlen);
            if (g->previous != NULL) {
                sb_putn(cb, ",", 1);
                sb_puts(cb, ex.link);
                sb_putn(cb, ",", 1);
                if (ex.kind)
                    sb_puts(cb, ex.kind);
            }
            sb_putn(cb, "\n", 1);
        }
        g->nratings++;
    }

    if (g->forms) {
        if (role == ROLE_PEER)
            snprintf(g->path, g->pathsize, "%s/forms/%s.peer-%s.md", g->out,
                     pid, rid);
        else
            snprintf(g->path, g->pathsize, "%s/forms/%s.%s.md", g->out, pid,
                     role_names[role]);
        FILE *f = open_out(g->path);
        setvbuf(f, NULL, _IONBF, 0);
        fwrite(fb->p, 1, fb->len, f);
        close_out(f, g->path);
    }
    if (g->csvf)
        fwrite(cb->p, 1, cb->len, g->csvf);
    g->nforms++;
}

static void assess_person(gen_t *g, long pi, int *truth)
{
    const model_t *m = g->m;
    const org_t *o = g->o;
    const person_t *p = &o->p[pi];
    if (m->levels[p->level].next < 0 || p->manager < 0)
        return;
    const level_t *target = &m->levels[m->levels[p->level].next];
    rng_t r = rng_derive(g->seed, 2, (uint64_t)pi);

    /* Latent ability relative to "meets", in milli scale steps: the bands
     * are chosen so that the manager's verdicts come out as a mix of ready,
     * borderline and not ready. */
    int cat = (int)rng_below(&r, 100), ability;
    if (cat < 35)
        ability = rng_range(&r, 250, 900);      /* clearly ready */
    else if (cat < 60)
        ability = rng_range(&r, -250, -100);    /* borderline */
    else
        ability = rng_range(&r, -1200, -450);   /* not ready */
    int self_bias = 300 + (int)rng_normal(&r, 350);
    /* Strengths and weaknesses by competency.  People are put forward on the
     * strength of the required competencies, so those sit a little higher;
     * otherwise one missed required expectation would make almost everyone
     * not ready. */
    for (int c = 0; c < m->ncomps; c++)
        g->comp_effect[c] = (int)rng_normal(&r, 200) +
                            (m->comps[c].required ? 400 : 0);
    for (int k = 0; k < target->nexps; k++)
        truth[k] = ability + g->comp_effect[m->exps[target->exps[k]].comp] +
                   (int)rng_normal(&r, 300);

    /* Peers: one or two others from the peer group. */
    long peers[2];
    int npeers = 0;
    if (p->gpos >= 0) {
        long others = p->g1 - p->g0 - 1;
        int want = others <= 0 ? 0 : others == 1 ? 1 : 1 + rng_permille(&r, 600);
        if (want > 0) {
            long a = rng_below(&r, (uint32_t)others);
            peers[npeers++] = a;
            if (want > 1) {
                long b = rng_below(&r, (uint32_t)(others - 1));
                if (b >= a)
                    b++;
                peers[npeers++] = b;
            }
        }
        for (int k = 0; k < npeers; k++) {
            long j = peers[k] + (peers[k] >= p->gpos - p->g0 ? 1 : 0);
            peers[k] = o->grp[p->g0 + j];
        }
    }

    g->assessed++;
    /* Unrated per mille: peers see least, managers most; about 3% overall. */
    write_form(g, &r, pi, pi, ROLE_SELF, truth, self_bias, 400, 20);
    write_form(g, &r, pi, p->manager, ROLE_MANAGER, truth,
               o->p[p->manager].bias, 300, 10);
    for (int k = 0; k < npeers; k++)
        write_form(g, &r, pi, peers[k], ROLE_PEER, truth,
                   (int)rng_normal(&r, 150), 500, 50);
}

/* A value in hundredths as a decimal: 250 -> "2.50". */
static void put_centi(FILE *f, long v)
{
    fprintf(f, "%s%ld.%02ld", v < 0 ? "-" : "", labs(v) / 100, labs(v) % 100);
}

/* One outcome row: team,cycle,kind,name,value,target,unit,source. */
static void outcome_row(FILE *f, const char *team, const char *cycle,
                        const char *kind, const char *name, long value,
                        long target, const char *unit, const char *source)
{
    csv_field(f, team);
    fputc(',', f);
    csv_field(f, cycle);
    fprintf(f, ",%s,", kind);
    csv_field(f, name);
    fputc(',', f);
    put_centi(f, value);
    fputc(',', f);
    if (target >= 0)
        put_centi(f, target);
    fprintf(f, ",%s,%s\n", unit, source);
}

/* DIR/outcomes.csv: every team's outcomes in the previous and this cycle. */
static void write_outcomes(const gen_t *g, const char *path)
{
    FILE *f = open_out(path);
    const char *cycles[2] = { g->previous, g->cycle };
    fputs("team,cycle,kind,name,value,target,unit,source\n", f);
    for (int t = 0; t < g->o->nteams; t++) {
        const char *team = g->o->teams[t];
        char slug[96], id[128];
        team_slug(team, slug, sizeof slug);
        for (int c = 0; c < 2; c++) {
            rng_t r = rng_derive(g->seed, 5, (uint64_t)t * 2 + (uint64_t)c);
            for (int k = 1; k <= 2; k++) {
                snprintf(id, sizeof id, "%s-KR%d", slug, k);
                outcome_row(f, team, cycles[c], "okr", id, rng_range(&r, 30, 100), 100,
                            "", "OKR tracker");
            }
            outcome_row(f, team, cycles[c], "dora", "lead-time", rng_range(&r, 80, 900),
                        -1, "days", "delivery dashboard");
            outcome_row(f, team, cycles[c], "dora", "deploy-frequency",
                        rng_range(&r, 100, 4000), -1, "per week", "delivery dashboard");
            outcome_row(f, team, cycles[c], "dora", "change-failure-rate",
                        rng_range(&r, 200, 2500), -1, "%", "delivery dashboard");
            outcome_row(f, team, cycles[c], "dora", "time-to-restore",
                        rng_range(&r, 50, 2400), -1, "hours", "incident log");
            outcome_row(f, team, cycles[c], "customer", "NPS", rng_range(&r, -10, 70) * 100,
                        5000, "", "quarterly survey");
            outcome_row(f, team, cycles[c], "health", "on-call pages",
                        rng_range(&r, 100, 1500), 500, "per week", "pager");
        }
    }
    close_out(f, path);
}

/* ------------------------------------------------------------------------ */
/* Main                                                                     */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: gen-org --model MODEL.json --seed N --people N --cycle C "
            "--out DIR [--forms] [--csv] [--outcomes PREVIOUS-CYCLE]\n"
            "Generate a deterministic synthetic organisation: DIR/people.csv,\n"
            "with --forms DIR/forms/*.md assessment forms, with --csv "
            "DIR/ratings.csv,\nwith --outcomes DIR/outcomes.csv (team outcomes of "
            "both cycles) and\nevidence linked to them.\n");
}

static void bad_usage(const char *msg, const char *arg)
{
    if (arg)
        fprintf(stderr, "%s: %s: %s\n", prog, msg, arg);
    else
        fprintf(stderr, "%s: %s\n", prog, msg);
    usage(stderr);
    exit(2);
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return 0;
    for (const char *q = s; *q; q++)
        if (*q < '0' || *q > '9')
            return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return 0;
    *out = (uint64_t)v;
    return 1;
}

static int valid_cycle(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Freeing what main built, so that leak checkers see a clean exit           */

static void free_texts(text_t *t, size_t n)
{
    for (size_t i = 0; t != NULL && i < n; i++) {
        free(t[i].text);
        free(t[i].csv);
    }
    free(t);
}

static void free_model(model_t *m)
{
    for (int i = 0; i < m->nscale; i++)
        free(m->scale[i].id);
    for (int i = 0; i < m->nlevels; i++) {
        free(m->levels[i].id);
        free(m->levels[i].track);
        free(m->levels[i].exps);
    }
    for (int i = 0; i < m->nexps; i++) {
        free(m->exps[i].id);
        free(m->exps[i].block);
        free(m->exps[i].csvid);
    }
    for (int i = 0; i < m->ncomps; i++)
        free(m->comps[i].head);
    free(m->scale);
    free(m->levels);
    free(m->exps);
    free(m->comps);
    free(m->id);
    free(m->version);
}

static void free_org(org_t *o)
{
    for (long i = 0; i < o->n; i++)
        free(o->p[i].name);
    for (int t = 0; t < o->nteams; t++)
        free(o->teams[t]);
    free(o->teams);
    free(o->p);
    free(o->grp);
}

int main(int argc, char **argv)
{
    const char *model = NULL, *cycle = NULL, *out = NULL;
    const char *seed_s = NULL, *people_s = NULL, *previous = NULL;
    int forms = 0, csv = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--forms") == 0) {
            forms = 1;
            continue;
        } else if (strcmp(a, "--csv") == 0) {
            csv = 1;
            continue;
        } else if (strcmp(a, "--model") == 0) {
            slot = &model;
        } else if (strcmp(a, "--seed") == 0) {
            slot = &seed_s;
        } else if (strcmp(a, "--people") == 0) {
            slot = &people_s;
        } else if (strcmp(a, "--cycle") == 0) {
            slot = &cycle;
        } else if (strcmp(a, "--out") == 0) {
            slot = &out;
        } else if (strcmp(a, "--outcomes") == 0) {
            slot = &previous;
        } else {
            bad_usage("unknown argument", a);
        }
        if (i + 1 >= argc)
            bad_usage("missing value for", a);
        *slot = argv[++i];
    }
    if (!model || !seed_s || !people_s || !cycle || !out)
        bad_usage("--model, --seed, --people, --cycle and --out are required",
                  NULL);
    uint64_t seed, people;
    if (!parse_u64(seed_s, &seed))
        bad_usage("--seed must be a non-negative integer", seed_s);
    if (!parse_u64(people_s, &people) || people < 4 ||
        people > (uint64_t)MAX_PEOPLE)
        bad_usage("--people must be an integer from 4 to 10000000", people_s);
    if (!valid_cycle(cycle))
        bad_usage("--cycle may only contain letters, digits, '-', '_' and '.'",
                  cycle);
    if (!*out)
        bad_usage("--out must not be empty", NULL);
    if (previous && (!valid_cycle(previous) || strcmp(previous, cycle) == 0))
        bad_usage("--outcomes takes the previous cycle, another valid cycle id",
                  previous);

    model_t m;
    load_model(model, &m);
    org_t o;
    build_org(&m, seed, (long)people, &o);

    make_dirs(out);
    size_t pathsize = strlen(out) + 128;
    char *path = xmalloc(pathsize);
    snprintf(path, pathsize, "%s/people.csv", out);
    write_people(&o, &m, path);

    gen_t g = { 0 };
    g.m = &m;
    g.o = &o;
    g.cycle = cycle;
    g.out = out;
    g.seed = seed;
    g.forms = forms;
    g.previous = previous;
    g.path = path;
    g.pathsize = pathsize;
    prepare_texts(&g);
    g.comp_effect = xcalloc((size_t)m.ncomps, sizeof(int));
    char *csvpath = NULL;
    static char cbuf[1 << 18];
    if (forms) {
        snprintf(path, pathsize, "%s/forms", out);
        make_dir(path);
    }
    if (csv) {
        csvpath = xmalloc(pathsize);
        snprintf(csvpath, pathsize, "%s/ratings.csv", out);
        g.csvf = open_out(csvpath);
        setvbuf(g.csvf, cbuf, _IOFBF, sizeof cbuf);
        fputs(previous ? "person,cycle,rater,role,target,expectation,rating,evidence,"
              "link,link_kind\n" : "person,cycle,rater,role,target,expectation,rating,"
              "evidence\n", g.csvf);
    }
    int maxexps = 0;
    for (int l = 0; l < m.nlevels; l++)
        if (m.levels[l].nexps > maxexps)
            maxexps = m.levels[l].nexps;
    int *truth = xcalloc((size_t)maxexps, sizeof *truth);
    for (long i = 0; i < o.n; i++)
        assess_person(&g, i, truth);
    if (previous) {
        snprintf(path, pathsize, "%s/outcomes.csv", out);
        write_outcomes(&g, path);
    }
    if (g.csvf)
        close_out(g.csvf, csvpath);
    free(g.comp_effect);
    free(g.form.p);
    free(g.rows.p);
    free(g.prefix.p);

    printf("gen-org: %ld people, %d teams, %ld assessed, %ld forms, %ld "
           "ratings\n",
           o.n, o.nteams, g.assessed, g.nforms, g.nratings);
    free(truth);
    free(path);
    free(csvpath);
    free_texts(g.evidence, (size_t)NTMPL * NPROJ * (NMORE + 1));
    free_texts(g.rating, (size_t)m.nscale + 1);
    free_org(&o);
    free_model(&m);
    if (fflush(stdout) != 0 || ferror(stdout))
        return 2;
    return 0;
}
